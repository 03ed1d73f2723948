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
faq-did-you-mean = Did you mean one of these questions? Tap the one that fits.
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
# Variables: $count (number), $text (string) an example of the question
unanswered-line = { $count } times: { $text }
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
admin-menu =
    <b>Centre staff control panel</b>
    /stats – user and question figures
    /unanswered – questions the bot could not answer
    Courses, announcements and roster exports will appear here when they are ready.
# Variables: $total, $active, $english, $blocked, $messages (numbers)
admin-stats =
    <b>User figures</b>
    People who have used the bot: { $total }
    Active in the last 7 days: { $active }
    Using English: { $english }
    Blocked the bot: { $blocked }
    Messages to the Centre: { $messages }

## Fallbacks

feature-not-ready = This feature is being finished. Please check back later.
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
