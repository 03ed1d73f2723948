## Courses, registrations and rosters.

## Roster export (spreadsheet columns)

# Variables: $n (number) the column, 1 to 12
roster-column = { $n ->
    [1] No.
    [2] Attendee's full name
    [3] Registration code
    [4] Status
    [5] Enterprise
    [6] Tax code
    [7] Contact person
    [8] Position
    [9] Phone
    [10] Email
    [11] Registered at
   *[12] Attended
}
roster-confirmed = Confirmed
roster-waitlisted = Waitlist
roster-yes = Yes
roster-no = No

## Course list and details (users)

courses-title = 📚 <b>Upcoming training courses</b>
    Tap a course to see its details and register.
courses-none = There are no upcoming training courses right now. The centre will announce new ones.
courses-register-title = 📝 Choose the course you want to register for:
# Variables: $title, $location, $starts, $ends, $deadline (string); $left, $capacity (number)
course-details =
    📚 <b>{ $title }</b>

    📍 Place: { $location }
    🗓 Dates: { $starts } – { $ends }
    ⏳ Registration closes at the end of { $deadline }
    👥 { $left } of { $capacity } seats left
# Variables: $description (string)
course-description = { $description }
course-full-note = This course is full. You can still join the waitlist: when someone cancels, I will tell you at once.
button-register = 📝 Register
button-waitlist = 📝 Join the waitlist
button-course-list = 📚 All courses
button-my-registrations = 🗂 My registrations

## Registration dialogue

reg-consent =
    🔒 <b>Before you register</b>

    To take your registration, the centre needs to keep what you give: the enterprise's name, its tax code (optional), the contact person, their position, phone number, e-mail (optional) and the attendees' names.

    They are used only to run the course: the attendee list, contacting you and reminders. The centre does not share them with third parties. You can see or cancel your registrations at any time with /myregistrations.

    Personal data is processed under the Law on Personal Data Protection No. 91/2025/QH15 and Decree 356/2025/NĐ-CP. Do you agree?
button-agree = ✅ I agree
button-disagree = I do not agree
reg-consent-declined = No problem. Without your consent I cannot take a registration. You can still ask questions and read about the courses.
# Variables: $enterprise, $contact, $position, $phone (string)
reg-reuse =
    Use the details of your last registration?

    🏢 { $enterprise }
    👤 { $contact } – { $position }
    📞 { $phone }
button-reuse = ✅ Use these details
button-fresh = ✏️ Enter new details
# Variables: $title (string)
reg-ask-enterprise =
    📝 Registering for <b>{ $title }</b> (type /cancel to stop at any time)

    What is the name of your enterprise or organisation?
reg-ask-contact = The contact person's full name?
reg-ask-position = The contact person's position? For example: Director, Head of technical department.
reg-ask-phone = A contact phone number? Type it (for example 0912 345 678) or tap «📱 Share my phone number» below.
button-share-phone = 📱 Share my phone number
# Variables: $phone (string)
reg-phone-saved = 📞 Phone number { $phone } noted.
reg-ask-email = A contact e-mail (optional)? Type the address or tap «Skip».
button-skip = Skip ⏭
# Variables: $max (number)
reg-ask-count = How many people will attend? Choose below or type a number from 1 to { $max }.
# Variables: $count (number)
reg-ask-names = Type the full names of the { $count } attendees, one per line.
reg-ask-name-one = The attendee's full name? If you are attending yourself, tap the button below.
reg-ask-tax = The enterprise's tax code (optional, 10 or 13 digits)? Type it or tap «Skip».
reg-not-given = (none)
# Variables: $title, $starts, $location, $enterprise, $tax, $contact, $position, $phone, $email, $names (string); $count (number)
reg-summary =
    <b>Please check your registration</b>

    📚 Course: { $title } ({ $starts }, { $location })
    🏢 Enterprise: { $enterprise }
    🧾 Tax code: { $tax }
    👤 Contact: { $contact } – { $position }
    📞 Phone: { $phone }
    📧 E-mail: { $email }
    👥 Attendees ({ $count }):
    { $names }

    Tap «Confirm» to send it.
reg-summary-waitlist = ⚠️ The course does not have enough seats left: this registration will go on the waitlist.
button-confirm = ✅ Confirm
# Variables: $code, $title, $starts, $ends, $location (string); $count (number)
reg-confirmed =
    🎉 <b>You are registered!</b> Registration code: <b>{ $code }</b>

    📚 { $title }
    🗓 { $starts } – { $ends }
    📍 { $location }
    👥 { $count } { $count ->
        [one] attendee
       *[other] attendees
    }

    I will remind you the day before the course starts. See or cancel: /myregistrations
# Variables: $code, $title (string); $place (number)
reg-waitlisted = 📋 <b>{ $title }</b> is full, so your registration is on the waitlist at place <b>{ $place }</b>. Registration code: <b>{ $code }</b>. I will tell you as soon as a seat frees up.
# Variables: $code, $title (string)
reg-already = You are already registered for <b>{ $title }</b> (code { $code }). You can change that registration or see all of yours.
# Variables: $max (number)
reg-bad-too-long = That answer is too long (at most { $max } characters). Please make it shorter.
reg-bad-empty = I did not get any text. Please type your answer.
reg-bad-name = A full name has letters only, for example: Nguyễn Thị Lan. Please type it again.
reg-bad-phone = That phone number does not look right. Type a Vietnamese number such as 0912 345 678 or +84 912 345 678, or tap the share button.
reg-contact-not-yours = Please share your own phone number (the «📱 Share my phone number» button) or type it.
reg-bad-email = That e-mail address does not look right (for example: name@company.vn). Please type it again or tap «Skip».
# Variables: $max (number)
reg-bad-count = Please type a number from 1 to { $max }.
# Variables: $expected, $got (number)
reg-bad-names-count = I need exactly { $expected } names (one per line); you sent { $got }. Please send them again.
# Variables: $line (number)
reg-bad-names-line = Line { $line } is not a name (letters only). Please send the list again.
reg-bad-tax-length = A tax code has 10 digits, or 13 with a branch number (for example 0100109106-001). Please type it again or tap «Skip».
reg-bad-tax-check = This tax code is not valid (its check digit does not match). Please check it, or tap «Skip».
reg-use-buttons = Please choose with the buttons above, or type /cancel to stop.
# Variables: $deadline (string)
reg-closed-deadline = Sorry, registration for this course has closed (the deadline was the end of { $deadline }).
reg-closed-centre = Sorry, the centre has closed registration for this course.
reg-closed-cancelled = This course has been cancelled.
reg-no-course = I cannot find this course; its details may have changed. See the current courses: /courses

## My registrations

myreg-title = 🗂 <b>Your registrations</b>
myreg-none = You have no registrations. See the upcoming courses: /courses
# Variables: $code, $title, $starts, $location, $status (string); $count (number)
myreg-item =
    📚 <b>{ $title }</b>
    🗓 { $starts } · 📍 { $location }
    👥 { $count } { $count ->
        [one] attendee
       *[other] attendees
    } · { $status } · code { $code }
myreg-status-confirmed = ✅ confirmed
# Variables: $place (number)
myreg-status-waitlist = ⏳ waitlist, place { $place }
myreg-status-course-cancelled = ❌ the course was cancelled
# Variables: $code (string)
button-cancel-registration = ❌ Cancel registration { $code }
# Variables: $title, $code (string)
cancel-ask = Do you really want to cancel your registration for <b>{ $title }</b> (code { $code })? Your seats will go to the people on the waitlist.
button-edit-registration = ✏️ Change my registration
# Variables: $code (string)
button-edit-registration-code = ✏️ Change { $code }
# Variables: $code, $title (string)
reg-updated = ✅ Registration { $code } for <b>{ $title }</b> is updated.
# Variables: $max (number)
reg-no-seats = Sorry, the course has seats for at most { $max } attendees in this registration. Your previous details are kept as they were.
button-yes-cancel = Yes, cancel it
button-no = No
# Variables: $title (string)
cancel-done = Your registration for <b>{ $title }</b> is cancelled. Thank you for freeing the seats.
cancel-not-found = This registration no longer exists (it may have been cancelled already).
# Variables: $title, $code, $starts, $location (string)
reg-promoted = 🎉 Good news! A seat has freed up in <b>{ $title }</b> ({ $starts }, { $location }): your registration { $code } is now confirmed. If you cannot attend, please cancel in /myregistrations so someone else can go.
# Variables: $title, $starts, $location, $code (string)
reg-reminder = ⏰ <b>Reminder:</b> tomorrow ({ $starts }) the course <b>{ $title }</b> starts at { $location }. Registration code: { $code }. If you cannot attend, tap the button below to cancel and free your seats.
# Variables: $title, $deadline (string)
reg-nudge = ⏳ Registration for <b>{ $title }</b> closes tomorrow ({ $deadline }) and there are seats left. If your enterprise would like to attend, register now:
# Variables: $title, $starts (string)
course-cancelled-notice = ❗ We are sorry to announce that the course <b>{ $title }</b> (planned to start on { $starts }) has been cancelled, so your registration no longer stands. We apologise for the inconvenience.

## Course form (admins)

newcourse-intro = 🆕 <b>New training course</b>: I will ask for each field in turn (type /cancel to stop).
newcourse-ask-title = The course's title?
newcourse-ask-description = A short description: content, audience, cost…? Tap «Skip» if not needed.
newcourse-ask-location = Where will it take place?
newcourse-ask-starts = Start date (DD/MM/YYYY)?
newcourse-ask-ends = End date (DD/MM/YYYY)? For a one-day course, type the start date again.
# Variables: $max (number)
newcourse-ask-capacity = Seats, that is the most attendees (1 to { $max })?
newcourse-ask-deadline = Registration deadline (DD/MM/YYYY, no later than the start date)?
form-bad-date = That is not a date in the DD/MM/YYYY form, for example 15/03/2027.
form-no-such-day = That day is not in the calendar (for example 31/02). Please type it again.
# Variables: $max (number)
form-bad-capacity = The seats must be a whole number from 1 to { $max }.
form-ends-before-start = The end date cannot be before the start date. Please type the end date again.
form-deadline-after-start = The deadline cannot be after the start date. Please type the deadline again.
form-starts-in-past = That start date has passed. Please type a date from today on.
# Variables: $title, $description, $location, $starts, $ends, $deadline (string); $capacity (number)
course-summary =
    <b>Please check the course</b>

    📚 { $title }
    📝 { $description }
    📍 { $location }
    🗓 { $starts } – { $ends }
    👥 { $capacity } seats
    ⏳ Registration deadline: { $deadline }
button-edit = ✏️ Edit
form-pick = Which field do you want to change?
# Variables: $n (number) the field, 0 to 6
form-field = { $n ->
    [0] Title
    [1] Description
    [2] Place
    [3] Start date
    [4] End date
    [5] Seats
   *[6] Deadline
}
# Variables: $title (string)
course-created = ✅ The course <b>{ $title }</b> is created. Users can see it and register through /courses.
# Variables: $title (string)
course-updated = ✅ The course <b>{ $title }</b> is updated.

## Managing courses (admins)

admin-courses-title = 🗂 <b>Courses</b>
    Choose one:
admin-export-title = 📥 Choose the course whose attendee list you want:
admin-courses-none = There are no upcoming courses. Create one with /newcourse.
# Variables: $status (string) open, closed or cancelled
course-status = { $status ->
    [open] open for registration
    [closed] registration closed
   *[cancelled] cancelled
}
# Variables: $title, $starts, $ends, $location, $deadline, $status (string); $taken, $capacity, $waiting (number)
admin-course =
    📚 <b>{ $title }</b> ({ $status })
    🗓 { $starts } – { $ends } · 📍 { $location }
    ⏳ Registration deadline: { $deadline }
    👥 { $taken }/{ $capacity } seats taken · waitlist: { $waiting }
# Variables: $code, $enterprise, $contact, $phone (string); $count (number)
admin-course-line = • { $code } · { $enterprise } · { $contact } { $phone } · { $count }
admin-course-waitlist = <i>Waitlist:</i>
admin-course-empty = Nobody has registered yet.
button-export = 📥 Export the list (Excel, CSV)
button-attendance = ✅ Attendance
button-close = 🔒 Close registration
button-open = 🔓 Reopen registration
button-cancel-course = ❌ Cancel the course
button-yes-cancel-course = Yes, cancel the course
# Variables: $title (string); $registrants (number)
admin-cancel-ask = Cancel <b>{ $title }</b>? { $registrants } registrations will be told it is cancelled. This cannot be undone.
# Variables: $title (string); $notified (number)
admin-course-cancelled = <b>{ $title }</b> is cancelled and { $notified } registrants were told.
# Variables: $title (string); $count (number)
export-caption = Attendees of «{ $title }»: { $count }.
export-empty = Nobody has registered for this course yet; there is nothing to export.
# Variables: $title (string); $present, $total, $page, $pages (number)
attendance-title =
    ✅ <b>Attendance: { $title }</b>
    Present { $present }/{ $total } · page { $page }/{ $pages }. Tap a name to mark it present or not.
attendance-empty = There are no confirmed attendees to mark yet.
