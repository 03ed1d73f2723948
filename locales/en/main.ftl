# sxsh-bot — English. Same ids as locales/vi/main.ftl; HTML parse mode rules apply.

## Start and main menu

# Variables: $name (string) the user's first name
start-greeting =
    Hello <b>{ $name }</b>! I am the <b>Cleaner Production (SXSH)</b> assistant of the Industrial Promotion and Industrial Development Consulting Centre.

    ❓ Answers about cleaner production: saving energy, water and materials, and cutting waste.
    📚 Training courses, with registration right here in Telegram.
    📢 The Centre's announcements, sent to you.

    Choose an item below or type your question.
main-menu-prompt = What would you like to do next? Choose an item below.
menu-ask = ❓ Ask a question
menu-courses = 📚 Training courses
menu-news = 📢 Get announcements
menu-contact = ✉️ Write to the Centre
menu-lang = 🌐 Ngôn ngữ / Language
ask-hint = Just type your question in the chat, in English or Vietnamese, with or without diacritics. For example: <i>what is cleaner production?</i>

## Help

help-text =
    <b>Bot commands</b>
    /start – main screen
    /help – list of commands
    /faq – questions by topic
    /courses – upcoming training courses
    /register – register for a course
    /myregistrations – see or cancel your registrations
    /assessment – a cleaner production self-check of your plant (about 5 minutes)
    /subscribe – receive the centre's announcements
    /profile – your sector and area, for the right announcements
    /unsubscribe – stop receiving announcements
    /lang – change language (Tiếng Việt / English)
    /privacy – what the bot stores about you; /mydata to see it, /deleteme to delete it
    /cancel – stop what you are doing

    To write to the Centre's staff directly, tap «✉️ Write to the Centre» on the main screen (/start).
help-admin =
    <b>Commands for Centre staff</b>
    /admin – control panel
    /newcourse – create a training course
    /registrations – courses, registrations, attendance
    /export – export attendee lists (Excel, CSV)
    /broadcast – send an announcement to subscribers
    /broadcasts – recent announcements and their delivery
    /stats – user and question figures
    /unanswered – questions the bot could not answer
    /assessments – self-assessment results, consultation requests

## Language

lang-prompt = Chọn ngôn ngữ / Choose your language:
lang-changed = Switched to English.
lang-button-vi = 🇻🇳 Tiếng Việt
lang-button-en = 🇬🇧 English


## FAQ

# Variables: $question (string), $answer (string)
faq-answer =
    <b>{ $question }</b>

    { $answer }
# Shown under an answer that rests on a document. Variables: $source (e.g. Luật 77/2025/QH15)
faq-source = <i>Source: { $source }</i>
faq-did-you-mean = Did you mean one of these questions? Tap the one that fits. If none does, you can send your question to the Centre's staff.
faq-unknown =
    Sorry, I am not sure about the answer to this question. Would you like to send it to the Centre's staff? They will reply to you right here in this chat.
faq-forwarded = 📨 Your question has been passed to the Centre's staff. When they answer, I will send the reply to you here.
# Sent to every admin.
# Variables: $name (string, with @username when known), $user_id (string), $text (string)
admin-question =
    ❓ <b>A question the bot could not answer</b>
    From: { $name } (id <code>{ $user_id }</code>)
    <blockquote>{ $text }</blockquote>
button-forward = 📨 Send my question to the Centre
# Last button under "did you mean…": none of the questions offered is the one asked.
button-forward-none = 📨 None of these: ask the Centre
button-helpful = 👍 Helpful
button-not-helpful = 👎 Not helpful
feedback-thanks = Thank you for your feedback!
faq-browse-title =
    <b>Questions about cleaner production</b>
    Choose a topic:
# Variables: $category (string), $page (number), $pages (number)
faq-category-title =
    <b>{ $category }</b> (page { $page }/{ $pages })
    Choose a question:
button-back = ⬅️ Back
button-next = Next page ➡️
button-prev = ⬅️ Previous page
# Variables: $answered, $ambiguous, $unanswered (numbers), $rate (number, percent answered)
admin-faq-stats =
    <b>Questions</b>
    Answered: { $answered }
    Asked back «did you mean…»: { $ambiguous }
    Not answered: { $unanswered }
    Answer rate: { $rate }%
unanswered-title = <b>Questions the bot could not answer, most frequent first:</b>
# Variables: $n (number) its place in the list, $count (number), $text (string) an example of the question
unanswered-line = { $n }. { $count } times: { $text }
unanswered-hint = Tap 📎 and the number to attach that group of questions to an existing answer, or to write a new answer. From then on the bot answers this question.
# Variables: $n (number)
button-attach = 📎 { $n }
button-learned = 🧠 Phrasings the bot has learned
# Variables: $text (string) the question
attach-prompt =
    Question: «{ $text }»
    Type a few words to find a matching existing answer (for example «delete my data»), then tap it. Or tap the button below to write a new answer. Type /cancel to stop.
attach-choose = Choose the matching answer, or type other words to search again:
attach-no-match = No answer matches these words. Type other words, or tap «Write a new answer».
# Variables: $text (string) the users' question, $question (string) the entry's question
attach-done = ✅ «{ $text }» is now attached to the answer «{ $question }». From now on the bot answers this question with it.
button-new-entry = ✍️ Write a new answer
# Variables: $text (string) the question
new-entry-prompt = Type the answer to «{ $text }» in one message. The question and answer are added to the FAQ (you can edit them with faq export/import). Type /cancel to stop.
# Variables: $question (string)
new-entry-done = ✅ «{ $question }» has been added to the FAQ. The bot answers it from now on.
new-entry-category = Questions from users
learned-title = <b>Phrasings the bot has learned</b> (tap ✖ and the number to remove one):
# Variables: $n (number), $phrasing (string), $question (string) the entry's question, $by_admin (number) 1 when an admin attached it, 0 when users taught it
learned-line = { $n }. «{ $phrasing }» → { $question } ({ $by_admin ->
        [1] attached by staff
       *[other] chosen by users
    })
learned-none = The bot has not learned any phrasing yet. When two people choose the same answer under «Did you mean…», or when staff attach questions in /unanswered, the phrasing appears here.
# Variables: $n (number)
button-unlearn = ✖ { $n }
teaching-gone = This question or answer no longer exists. Type /unanswered for a fresh list.
unanswered-none = No unanswered questions so far.
cmd-subscribe = Receive announcements
cmd-profile = Sector and area for announcements
cmd-unsubscribe = Stop announcements
cmd-broadcast = Send an announcement (staff)
cmd-broadcasts = Sent announcements (staff)
cmd-courses = Training courses
cmd-register = Register for a course
cmd-myregistrations = My registrations
cmd-newcourse = New course (staff)
cmd-registrations = Manage courses (staff)
cmd-export = Export attendee lists (staff)
cmd-faq = Questions by topic
cmd-unanswered = Unanswered questions (staff)

button-reply = ✍️ Reply
# Variables: $text (string) the user's question
admin-reply-prompt =
    Type the answer to this question:
    <blockquote>{ $text }</blockquote>
    It will be sent to the person who asked straight away. Type /cancel if you change your mind.
# Variables: $question (string), $answer (string)
centre-reply =
    📬 <b>The Centre has answered your question</b>
    <blockquote>{ $question }</blockquote>
    { $answer }
admin-reply-sent = ✅ Your answer has been sent to the person who asked.
admin-reply-failed = The answer could not be delivered: the person has blocked the bot or deleted the chat.
# Variables: $question (string), $up (number), $down (number)
faq-least-helpful = 👎 { $down } / 👍 { $up }: { $question }

## Writing to the centre

contact-prompt =
    Write what you want to send to the Centre's staff in one message (add your enterprise's name and a phone number if you would like to be contacted).
    Type /cancel if you change your mind.
# Variables: $text (string) the user's draft
contact-preview =
    <b>This will be sent to the Centre:</b>
    <blockquote>{ $text }</blockquote>
    Tap «Send» to send it, or type another text to replace it.
contact-sent = ✅ The Centre has received your message. The staff will reply as soon as they can.
# Variables: $max (number) the limit, $len (number) the length received
contact-too-long = Your message is { $len } characters long, over the limit of { $max }. Please shorten it and send it again.
contact-empty = The message is empty. Please type what you want to send to the Centre.
button-send = ✅ Send
button-cancel = ✖️ Cancel
# Sent to every admin.
# Variables: $name (string, with @username when known), $user_id (string), $text (string)
admin-incoming =
    ✉️ <b>New message to the Centre</b>
    From: { $name } (id <code>{ $user_id }</code>)
    <blockquote>{ $text }</blockquote>

## Dialogue control

cancelled = Stopped. You can start again at any time.
nothing-to-cancel = Nothing is in progress right now.
state-lost = Sorry, I could not continue our previous conversation. Please start again from the main screen.
menu-expired = This menu has expired. Here is a fresh one:

## Admin

not-admin = Sorry, this command is only for the Centre's staff.
# Variables: $date (DD/MM/YYYY), $users, $new_today, $questions, $answered, $waiting, $registrations, $subscribers, $upcoming, $assessments, $consultations (numbers)
admin-panel =
    <b>Centre staff control panel</b>
    Today, { $date }:
    • New people using the bot: { $new_today } ({ $users } in all)
    • Questions: { $questions }, answered by the bot at once: { $answered }
    • Questions waiting for a reply from staff: { $waiting }
    • New course registrations: { $registrations }
    • Announcement subscribers: { $subscribers }
    • Upcoming courses: { $upcoming }
    • Self-assessments taken: { $assessments }; consultation requests waiting: { $consultations }
    Choose a function below (each button does what its command does).
panel-new-course = ➕ New course
panel-registrations = 📋 Registrations, attendance
panel-export = 📥 Export roster
panel-broadcast = 📣 Broadcast
panel-broadcasts = 🗂 Recent broadcasts
panel-stats = 📊 Statistics
panel-unanswered = ❓ Unanswered questions
panel-assessments = 📝 Self-assessment results
# Variables: $total, $active, $english, $blocked, $messages (numbers)
admin-stats =
    <b>User figures</b>
    People who have used the bot: { $total }
    Active in the last 7 days: { $active }
    Using English: { $english }
    Blocked the bot: { $blocked }
    Messages to the Centre: { $messages }

## Fallbacks

unknown-command = I do not know this command. Type /help to see what I can do.
non-text = I can only read text messages. Please type your question or choose an item in /start.
error-apology = Sorry, something went wrong on our side and your request was not handled. Please try again in a few minutes.
# Variables: $bot (string) the bot's @username
group-use-private = For help, please message { $bot } privately.

## Command menu (setMyCommands)

cmd-start = Main screen
cmd-help = List of commands
cmd-lang = Change language
cmd-cancel = Stop what you are doing
cmd-admin = Control panel (staff)
cmd-stats = User figures (staff)

## Terminal chat (sxsh-bot chat)

# Variables: $user_id (string), $role (string)
chat-intro =
    Talk to the bot in the terminal, without Telegram. You are user { $user_id } ({ $role }).
    Type a message and press Enter; type a number to tap a button; /quit to leave.
chat-role-admin = Centre staff
chat-role-user = user
chat-buttons-hint = (type a number to tap a button)
chat-edited = (edited)
# Variables: $name (string) file name
chat-document = [attached file: { $name }]
chat-bye = Goodbye!
