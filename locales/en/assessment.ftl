## The cleaner production self-assessment (/assessment) and consultation requests

cmd-assessment = Cleaner production self-check of your plant (5 minutes)
cmd-assessments = Self-assessment results, consultation requests
menu-assessment = 📋 CP self-assessment

assess-intro =
    📋 <b>Cleaner production self-assessment</b>

    Short questions on what your plant does: records, meters, targets and recent changes. It takes about 5 minutes, answered with buttons.

    Choose what the plant actually does; if unsure, choose «Not sure». The result only suggests what to do first. Tap «Back» to change the previous answer, or type /cancel to stop.

    Which sector is your plant in?
# Variables: $sector (string, a sector code as in assess-sector-name)
assess-intro-known =
    📋 <b>Cleaner production self-assessment</b>

    Short questions on what your plant does: records, meters, targets and recent changes; about 5 minutes. Choose what the plant actually does; if unsure, choose «Not sure».

    Sector from your profile: <b>{ $sector ->
        [coffee] Coffee
        [cassava] Cassava starch
        [rubber] Rubber latex
        [wood] Wood processing
        [bricks] Bricks, building materials
        [food] Food processing
       *[other] Other sector
    }</b>. To choose another sector, tap «Back» on the first question. Type /cancel to stop.
assess-resume = You have a self-assessment in progress. Let's continue where you stopped.
# Variables: $sector (string: coffee, cassava, rubber, wood, bricks, food, other)
assess-sector-name = { $sector ->
    [coffee] Coffee
    [cassava] Cassava starch
    [rubber] Rubber latex
    [wood] Wood processing
    [bricks] Bricks, building materials
    [food] Food processing
   *[other] Other sector
}
# Variables: $area (string: housekeeping, energy, water, materials, people)
assess-area-name = { $area ->
    [housekeeping] Housekeeping
    [energy] Energy
    [water] Water
    [materials] Materials, waste
   *[people] Measurement, people
}
# Variables: $n, $total (number), $area, $text (string)
assess-question =
    <b>Question { $n }/{ $total }</b> · { $area }

    { $text }
# Variables: $choice (number: 0 yes, 1 partly, 2 no, 3 not sure)
assess-answer = { $choice ->
    [0] ✅ Yes
    [1] 🟡 Partly
    [2] ❌ Not yet
   *[3] ❔ Not sure
}
assess-button-back = ⬅️ Back
assess-use-buttons = Please answer with the buttons below (type /cancel to stop).
assess-no-questions = There is no self-assessment question set yet. Please come back later.
# Variables: $overall (number)
assess-chart-title = CP self-assessment: { $overall }/100
assess-not-asked = no questions
# Variables: $overall (number)
assess-caption = 📊 <b>Cleaner production score: { $overall }/100</b>
# Variables: $area (string), $score (number)
assess-caption-line = • { $area }: { $score }
# Variables: $area, $change (string, signed: +10, −5, ±0), $score (number)
assess-caption-change = • { $area }: { $score } ({ $change } since last time)
# Variables: $area (string)
assess-caption-skipped = • { $area }: no questions
# Variables: $date (string), $before (number)
assess-caption-since = Last time ({ $date }): { $before }/100. The score is for comparing the plant with itself over time.
assess-actions-title = 🎯 <b>What to do first</b>
# Variables: $n (number), $action, $reason (string)
assess-action-line = { $n }. <b>{ $action }</b>
    { $reason }
assess-no-actions = 🎉 The plant already does everything asked. Keep it up, record the results and look for opportunities in the next process step.
assess-next-steps = Tap a button to read the guidance for each action. The centre can help further with a training course or a consultation at your plant.
# Variables: $n (number)
assess-button-read = 📖 Action { $n }: read the guidance
assess-button-course = 📚 Register for the upcoming course
assess-button-consult = 🤝 Ask the centre for a consultation
assess-button-later = ⏰ Later, I will retake it
assess-later = All right. After doing some of these actions, type /assessment to take it again and see how each area changed.

consult-consent =
    🔒 <b>Before you send a consultation request</b>

    To arrange a consultation, the centre needs to store your plant's name, your phone number and what you need help with, together with your latest self-assessment result.

    This is used only for the centre to contact you about cleaner production and is not shared with third parties. You can see it with /mydata and erase it with /deleteme.

    Personal data is processed under the Law on Personal Data Protection No. 91/2025/QH15 and Decree 356/2025/NĐ-CP. Do you agree?
consult-consent-declined = No problem. Without your consent the request cannot be sent. You can still read the guidance and ask the bot as usual.
consult-ask-enterprise = What is the name of your plant or enterprise?
consult-ask-phone = Which phone number should the centre call? Type it or tap the button below to share your number.
# Variables: $enterprise, $phone (string)
consult-ask-need =
    🏢 { $enterprise }
    📞 { $phone }

    What would you like the centre to help with? Keep it short, e.g. «lower the dryer's electricity bill», «reuse washing water».
# Variables: $id (number)
consult-sent = ✅ Consultation request sent (number { $id }). Centre staff will call you on the number you gave.
consult-button-handled = ✅ Handled
# Variables: $id (number)
consult-button-handled-id = ✅ Request { $id } handled
# Variables: $id, $user_id (number), $name, $enterprise, $phone, $need, $score (string)
admin-consult-request =
    🤝 <b>Consultation request { $id }</b>
    From: { $name } (id { $user_id })
    🏢 { $enterprise }
    📞 { $phone }
    📊 Latest self-assessment: { $score }

    { $need }
# Variables: $id (number)
admin-consult-handled = Consultation request { $id } is marked handled; the sender has been told.
# Variables: $id (number)
admin-consult-already = Consultation request { $id } was handled before (or no longer exists).
# Variables: $id (number)
consult-handled-notice = ✅ The centre has handled your consultation request { $id }. If you need more, write to the centre or send a new request after a self-assessment.

## For centre staff (/assessments)

# Variables: $month, $total, $people (number)
admin-assess-title =
    📋 <b>CP self-assessment</b>
    This month: { $month } · In all: { $total } · { $people } people
admin-assess-none = Nobody has taken the self-assessment yet.
# Variables: $name (string), $count, $overall (number), $housekeeping, $energy, $water, $materials, $people (string)
admin-assess-group = • <b>{ $name }</b> ({ $count }): { $overall }/100 — housekeeping { $housekeeping }, energy { $energy }, water { $water }, materials { $materials }, people { $people }
admin-assess-all = All
admin-assess-by-sector = <b>By sector</b>
admin-assess-by-area = <b>By commune</b>
admin-assess-gaps-title = <b>What plants most often do not do yet</b>
# Variables: $count (number), $text (string)
admin-assess-gap = • { $count }×: { $text }
# Variables: $count (number)
admin-assess-requests-title = <b>Open consultation requests: { $count }</b>
# Variables: $id (number), $enterprise, $phone, $need, $date (string)
admin-assess-request = • No. { $id } ({ $date }): { $enterprise }, { $phone } — { $need }
# Variables: $count (number)
admin-assess-chart-title = Average scores of { $count } self-assessments
assess-button-export = 📥 Export results to Excel
# Variables: $count (number)
assess-export-caption = CP self-assessment results: { $count } (no personal data)
assess-export-file-name = cp-self-assessment-results.xlsx
assess-export-sheet = Self-assessment
# Variables: $n (number)
assess-result-column = { $n ->
    [1] No.
    [2] Date
    [3] Sector
    [4] Commune
    [5] Housekeeping
    [6] Energy
    [7] Water
    [8] Materials, waste
    [9] Measurement, people
   *[10] Overall
}

## Personal data

# Variables: $assessments, $requests (number)
mydata-assessments = • CP self-assessments: { $assessments }; consultation requests: { $requests }
privacy-assessment =
    <b>Self-assessment and consultation requests</b>
    The bot keeps your answers, scores and the date of each self-assessment, with the sector and commune of your profile, so you can compare one time with the next. A consultation request keeps your plant's name, phone number and what you need. With /deleteme, consultation requests are deleted; self-assessment scores stay only in the centre's overall figures, no longer tied to you.
deleteme-assessments = About the CP self-assessment: your consultation requests will be deleted; the scores of your self-assessments stay only in the centre's overall figures, no longer tied to you.
