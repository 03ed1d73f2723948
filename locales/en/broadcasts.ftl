## Subscriptions and broadcasts.

## Subscribing (users)

subscribe-done = 📢 You are subscribed to the centre's announcements: new training courses, workshops, support programmes. Stop at any time with /unsubscribe.
subscribe-already = You already receive the centre's announcements. Change your sector or area: /profile. Stop: /unsubscribe.
subscribe-profile-offer = To get the announcements meant for your enterprise, you can tell me its sector and area (optional).
button-profile = 🏷 Choose sector and area
button-not-now = Not now
unsubscribe-done = You will no longer receive announcements. To receive them again, type /subscribe.
unsubscribe-not-subscribed = You are not subscribed to announcements. To subscribe, type /subscribe.
profile-not-subscribed = You are not subscribed yet. Type /subscribe, then choose your sector and area.
profile-ask-sector = Which sector is your enterprise in?
profile-ask-area = 📍 Which commune or ward (xã/phường) is your enterprise in? Type its name (diacritics optional) or browse by former district.
# Variables: $former (string) the former district the profile names, as area-former renders it
profile-ask-area-former =
    📍 Your profile names { $former }; districts were abolished on 1 July 2025.
    Which commune or ward (xã/phường) is your enterprise in? Type its name (diacritics optional) or browse by former district.
profile-area-matches = Tap your enterprise's commune or ward:
# Variables: $query (string) what the user typed: the name of a commune or ward from before 1 July 2025
profile-area-matches-old = Since 1 July 2025, «{ $query }» has been part of what is listed below. Tap your enterprise's commune or ward:
# Variables: $shown (number) how many matches are shown
profile-area-too-many = Many communes and wards match; here are the first { $shown }. Type more of the name or browse by former district.
# Variables: $query (string) what the user typed
profile-area-none = I found no commune or ward matching «{ $query }». Try the name again (diacritics optional, e.g. xuan dai) or browse by former district.
profile-area-groups = Choose the former district, town or city (before 1 July 2025) where your enterprise is:
# Variables: $group (string) a former district, as area-group renders it
profile-area-group = Today's communes and wards in the former { $group }:
button-area-browse = 🗂 Browse by former district
button-area-groups = « Former districts
# Variables: $kind (string) commune, ward, zone or other; $name (string)
area-name = { $kind ->
    [commune] { $name } commune
    [ward] { $name } ward
    [zone] { $name } special zone
   *[other] { $name }
}
# Variables: $kind (string) commune, ward, zone or other; $name (string)
button-area = { $kind ->
    [commune] { $name } commune
    [ward] { $name } ward
    [zone] { $name } special zone
   *[other] { $name }
}
# Variables: $kind (string) district, town, city or other; $name (string)
area-group = { $kind ->
    [district] { $name } district
    [town] { $name } town
    [city] { $name } city
   *[other] { $name }
}
# Variables: $kind (string) district, town, city or other; $name (string)
area-former = { $kind ->
    [district] { $name } district
    [town] { $name } town
    [city] { $name } city
   *[other] { $name }
} (former)
# Variables: $former (string) the former district the profile names, as area-former renders it
area-invite = 📍 Districts were abolished on 1 July 2025. Your announcement profile names { $former }. Please choose your enterprise's commune or ward, to get the announcements meant for your area.
button-area-choose = 📍 Choose commune or ward
profile-ask-enterprise = Your enterprise's name (optional)? Type it or tap «Skip».
# Variables: $sector, $area, $enterprise (string)
profile-saved =
    ✅ Your announcement profile is saved:
    🏭 Sector: { $sector }
    📍 Area: { $area }
    🏢 Enterprise: { $enterprise }
# Variables: $sector (string) a sector code
sector-name = { $sector ->
    [agro] Agro-forestry processing
    [construction] Construction materials
    [mining] Mining and mineral processing
    [food] Food and beverages
    [mechanical] Mechanical engineering
    [textiles] Textiles and garments
   *[other] Other
}

## Broadcasting (admins)

broadcast-ask-content = 📢 <b>New announcement</b> (type /cancel to stop)

    Send what to announce: a text message (bold, italics and links are kept), a photo with a caption, or a file (a PDF course plan, say) with a caption.
broadcast-bad-content = This cannot be announced: send a text message, a photo or a file.
# Variables: $max, $len (number)
broadcast-too-long = This is { $len } characters long, over Telegram's limit of { $max }. Please shorten it and send it again.
# Variables: $audience (string); $count (number)
broadcast-audience =
    Who should get it? Chosen now: <b>{ $audience }</b> — { $count } recipients.
    Tap to narrow it by sector, area or a course's registrants, then tap «Continue».
audience-everyone = everyone subscribed
# Variables: $sector (string)
audience-sector = sector { $sector }
# Variables: $area (string) a commune or ward, as area-name renders it
audience-area = area { $area }
# Variables: $group (string) a former district, as area-group renders it
audience-group = the former { $group }
# Variables: $title (string)
audience-course = registrants of «{ $title }»
button-audience-all = 👥 Everyone
button-audience-sector = 🏭 By sector
button-audience-district = 📍 By area
button-audience-course = 📚 A course's registrants
button-continue = Continue ➡️
broadcast-pick-sector = Choose the sector:
broadcast-pick-group = Choose the former district, town or city (before 1 July 2025), then all of it or one commune or ward:
# Variables: $group (string) a former district, as area-group renders it
broadcast-pick-in-group = Send to all of the former { $group }, or to one commune or ward?
broadcast-pick-area = Choose the commune or ward:
# Variables: $group (string) a former district, as area-group renders it
button-whole-group = 📍 All of the former { $group }
broadcast-pick-course = Choose the course:
broadcast-no-recipients = Nobody is in this group yet. Please choose another one.
broadcast-ask-button = Put a course's «📝 Register» button under the announcement?
button-no-button = No button
broadcast-preview-title = 👇 Recipients will see exactly this:
# Variables: $count (number)
broadcast-confirm = Send to { $count } recipients. Now, or at a set time?
button-send-now = 🚀 Send now
button-schedule = ⏰ Schedule
broadcast-ask-when = When? Type the date and time in Vietnam time as DD/MM/YYYY HH:MM, for example 15/03/2027 08:00.
broadcast-bad-when = That is not a time in the DD/MM/YYYY HH:MM form, for example 15/03/2027 08:00.
broadcast-past-when = That time has passed. Please choose a time to come.
# Variables: $count (number); $when (string)
broadcast-confirm-scheduled = Send to { $count } recipients at { $when } (Vietnam time). Confirm?
# Variables: $id, $count (number)
broadcast-queued = ✅ Announcement #{ $id } is queued for { $count } recipients. I will show the progress here.
# Variables: $id, $count (number); $when (string)
broadcast-scheduled = ⏰ Announcement #{ $id } will go out at { $when } to { $count } recipients.
# Variables: $id, $sent, $failed, $blocked, $remaining, $eta (number); $yielding (string) yes while people's messages go first, else no
broadcast-progress =
    📤 Sending announcement #{ $id }
    ✅ Sent: { $sent } · ⚠️ Failed: { $failed } · 🚫 Blocked the bot: { $blocked }
    ⏳ Left: { $remaining } (about { $eta } s){ $yielding ->
        [yes] {""}
            ⏸ Giving way to people talking to the bot; sending catches up right after.
       *[no] {""}
    }
# Variables: $id, $sent, $failed, $blocked, $cancelled (number); $status (string) done or cancelled
broadcast-report = { $status ->
    [cancelled] ⏹ Announcement #{ $id } was stopped.
   *[done] ✅ Announcement #{ $id } is sent.
    }
    Sent: { $sent } · Failed: { $failed } · Blocked the bot: { $blocked } · Not sent: { $cancelled }
button-stop = ⏹ Stop sending
broadcasts-title = 📢 <b>Recent announcements</b>
broadcasts-none = No announcements yet.
# Variables: $id, $sent, $total (number); $status, $when (string)
broadcasts-line = #{ $id } · { $when } · { $status } · sent { $sent }/{ $total }
# Variables: $status (string)
broadcast-status = { $status ->
    [scheduled] scheduled
    [sending] sending
    [cancelled] stopped
   *[done] done
}
