## Personal data: /privacy, /mydata, /deleteme, and what the centre's staff are told.

cmd-privacy = What the bot stores about you
cmd-mydata = See my data
cmd-deleteme = Delete my data

# Variables: $days (number) days after a course ends before its registrations are anonymised; 0 = never
privacy-text =
    🔒 <b>Your personal data</b>

    <b>What the bot stores</b>
    • Your Telegram account: user id, name, username and the language you chose.
    • Course registrations: the enterprise's name, tax code, contact person, position, phone number, e-mail and the attendees' names.
    • Your subscription to announcements: sector, commune or ward, and enterprise name (if you gave them).
    • The questions you type to the bot, the messages you send to the Centre, and your 👍/👎 on answers.
    • When you agreed to the processing of your data, and which version of the notice you agreed to.

    <b>Why</b>
    To answer questions about cleaner production, to run training courses (attendee lists, contacting you, reminders), to send the announcements you subscribed to, and to improve the answers. The Centre does not share your data with third parties.

    <b>For how long</b>
    Until you delete it with /deleteme.{ $days ->
        [0] {""}
        [one] {" "}The personal details in course registrations are deleted automatically one day after the course ends; the seats stay in the figures, tied to no one.
       *[other] {" "}The personal details in course registrations are deleted automatically { $days } days after the course ends; the seats stay in the figures, tied to no one.
    }

    <b>Your rights</b>
    • /mydata – get everything the bot stores about you (a JSON file).
    • /deleteme – delete your personal data and withdraw your consent.
    • /myregistrations, /profile – see, correct or cancel your registrations and subscription details.
    • /unsubscribe – stop receiving announcements.

    <b>Contact</b>
    Your data is controlled and processed by the provincial Industrial Promotion and Consulting Centre. For questions, objections or complaints about how it is processed, tap «✉️ Write to the Centre» on the main screen (/start); the Centre's staff will answer you.

    Personal data is processed under the Law on Personal Data Protection No. 91/2025/QH15 and Decree 356/2025/NĐ-CP.

# Variables: $registrations, $attendees, $questions, $feedback, $messages, $consents, $announcements (number); $subscribed (number) 1 when subscribed, 0 otherwise
mydata-summary =
    📄 <b>What the bot stores about you</b>

    • Telegram account: id, name, username, language
    • Course registrations: { $registrations } ({ $attendees } attendees in all)
    • Announcements: { $subscribed ->
        [1] subscribed
       *[other] not subscribed
    }
    • Questions typed: { $questions }
    • Messages to the Centre: { $messages }
    • Ratings of answers: { $feedback }
    • Consents to data processing: { $consents }
    • Announcements sent to you: { $announcements }

    The attached file holds every item in full. To delete it, use /deleteme.
mydata-caption = Everything the bot stores about you
mydata-file-name = my-data.json

deleteme-ask =
    🗑 <b>Delete your personal data?</b>

    The bot will delete: your name and Telegram account, your subscription, your messages to the Centre, your recorded consent, and every personal detail in your course registrations (enterprise, contact person, phone, e-mail, tax code, attendees' names). The questions and ratings you sent are kept, no longer tied to you.

    Registrations for courses that have not taken place keep their seats anonymously, and the Centre is told. If you still want to attend, register again after deleting.

    This cannot be undone.
button-erase-confirm = 🗑 Delete my data
button-erase-keep = No, keep it
deleteme-kept = Nothing was deleted.
# Variables: $kept (number) registrations for courses not over yet, kept as anonymous seats
deleteme-done =
    ✅ <b>Your personal data has been deleted.</b>{ $kept ->
        [0] {""}
        [one] {" "}One registration for an upcoming course keeps its seat, no longer tied to you; the Centre has been told.
       *[other] {" "}{ $kept } registrations for upcoming courses keep their seats, no longer tied to you; the Centre has been told.
    }

    If you write to the bot again, it will store your Telegram account again in order to answer. Thank you for following the Centre's work.
deleteme-nothing = The bot holds no personal data of yours any more; there is nothing else to delete.

# Variables: $count (number) registrations kept as anonymous seats
admin-erased-title = 🔒 A registrant has asked for their personal data to be deleted. { $count ->
        [one] Their registration
       *[other] { $count } of their registrations
    } for courses not over yet keep their seats, anonymised, with no contact details:
# Variables: $code, $title, $starts (string); $seats (number); $status (string) confirmed or waitlisted
admin-erased-line = • { $code } · <b>{ $title }</b> ({ $starts }) · { $seats ->
        [one] 1 seat
       *[other] { $seats } seats
    } · { $status ->
        [waitlisted] waitlist
       *[other] confirmed
    }
