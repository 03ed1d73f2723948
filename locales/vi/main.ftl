# sxsh-bot — Vietnamese (default). Every message goes out in Telegram's HTML parse mode:
# only <b>, <i>, <u>, <s>, <code>, <pre>, <a href="…">, <blockquote> are allowed, and a
# literal <, > or & must be written &lt; &gt; &amp;. Arguments arrive already escaped.

## Start and main menu

# Variables: $name (string) the user's first name
start-greeting =
    Xin chào <b>{ $name }</b>! Mình là trợ lý <b>Sản xuất sạch hơn (SXSH)</b> của Trung tâm Khuyến công và Tư vấn Phát triển công nghiệp.

    ❓ Giải đáp thắc mắc về sản xuất sạch hơn: tiết kiệm năng lượng, nước, nguyên liệu và giảm chất thải.
    📚 Giới thiệu các khóa tập huấn và nhận đăng ký ngay trong Telegram.
    📢 Gửi đến bạn thông báo mới của Trung tâm.

    Hãy chọn một mục bên dưới hoặc gõ câu hỏi của bạn.
main-menu-prompt = Bạn muốn làm gì tiếp theo? Hãy chọn một mục bên dưới.
menu-ask = ❓ Đặt câu hỏi
menu-courses = 📚 Khóa tập huấn
menu-news = 📢 Nhận thông báo
menu-contact = ✉️ Nhắn cho Trung tâm
menu-lang = 🌐 Ngôn ngữ / Language
ask-hint = Bạn cứ gõ câu hỏi vào ô chat, viết có dấu hay không dấu đều được. Ví dụ: <i>sản xuất sạch hơn là gì?</i>

## Help

help-text =
    <b>Các lệnh của bot</b>
    /start – màn hình chính
    /help – danh sách lệnh
    /faq – hỏi đáp theo chủ đề
    /courses – các khóa tập huấn sắp diễn ra
    /register – đăng ký khóa tập huấn
    /myregistrations – xem hoặc hủy đăng ký của bạn
    /assessment – tự đánh giá sản xuất sạch hơn của cơ sở (khoảng 5 phút)
    /subscribe – nhận thông báo của Trung tâm
    /profile – chọn ngành nghề, địa bàn để nhận đúng tin
    /unsubscribe – thôi nhận thông báo
    /lang – đổi ngôn ngữ (Tiếng Việt / English)
    /privacy – bot lưu dữ liệu gì của bạn; /mydata để xem, /deleteme để xóa
    /cancel – dừng thao tác đang làm

    Muốn nhắn trực tiếp cho cán bộ Trung tâm, hãy bấm «✉️ Nhắn cho Trung tâm» ở màn hình chính (/start).
help-admin =
    <b>Lệnh dành cho cán bộ Trung tâm</b>
    /admin – bảng điều khiển
    /newcourse – tạo khóa tập huấn mới
    /registrations – quản lý khóa học, đăng ký, điểm danh
    /export – xuất danh sách học viên (Excel, CSV)
    /broadcast – gửi thông báo tới người đăng ký nhận tin
    /broadcasts – các thông báo gần đây và kết quả gửi
    /stats – số liệu người dùng và hỏi đáp
    /unanswered – câu hỏi bot chưa trả lời được
    /assessments – kết quả tự đánh giá SXSH, yêu cầu tư vấn

## Language

lang-prompt = Chọn ngôn ngữ / Choose your language:
lang-changed = Đã chuyển sang tiếng Việt.
lang-button-vi = 🇻🇳 Tiếng Việt
lang-button-en = 🇬🇧 English


## FAQ

# Variables: $question (string), $answer (string)
faq-answer =
    <b>{ $question }</b>

    { $answer }
# Shown under an answer that rests on a document. Variables: $source (e.g. Luật 77/2025/QH15)
faq-source = <i>Nguồn: { $source }</i>
faq-did-you-mean = Có phải bạn muốn hỏi một trong những câu dưới đây? Bấm vào câu phù hợp. Nếu không có câu nào đúng, bạn có thể gửi câu hỏi cho cán bộ Trung tâm.
faq-unknown =
    Xin lỗi, mình chưa chắc chắn về câu trả lời cho câu hỏi này. Bạn có muốn gửi câu hỏi cho cán bộ Trung tâm không? Họ sẽ trả lời bạn ngay trong cuộc trò chuyện này.
faq-forwarded = 📨 Đã chuyển câu hỏi của bạn cho cán bộ Trung tâm. Khi có câu trả lời, mình sẽ gửi lại cho bạn tại đây.
# Sent to every admin.
# Variables: $name (string, with @username when known), $user_id (string), $text (string)
admin-question =
    ❓ <b>Câu hỏi bot chưa trả lời được</b>
    Từ: { $name } (id <code>{ $user_id }</code>)
    <blockquote>{ $text }</blockquote>
button-forward = 📨 Gửi câu hỏi cho Trung tâm
# Last button under "did you mean…": none of the questions offered is the one asked.
button-forward-none = 📨 Không phải, gửi cho Trung tâm
button-helpful = 👍 Hữu ích
button-not-helpful = 👎 Chưa hữu ích
feedback-thanks = Cảm ơn bạn đã góp ý!
faq-browse-title =
    <b>Hỏi đáp về sản xuất sạch hơn</b>
    Chọn một chủ đề:
# Variables: $category (string), $page (number), $pages (number)
faq-category-title =
    <b>{ $category }</b> (trang { $page }/{ $pages })
    Chọn một câu hỏi:
button-back = ⬅️ Quay lại
button-next = Trang sau ➡️
button-prev = ⬅️ Trang trước
# Variables: $answered, $ambiguous, $unanswered (numbers), $rate (number, percent answered)
admin-faq-stats =
    <b>Hỏi đáp</b>
    Trả lời được: { $answered }
    Hỏi lại «có phải bạn muốn hỏi…»: { $ambiguous }
    Chưa trả lời được: { $unanswered }
    Tỷ lệ trả lời được: { $rate }%
unanswered-title = <b>Câu hỏi bot chưa trả lời được, nhiều nhất trước:</b>
# Variables: $n (number) its place in the list, $count (number), $text (string) an example of the question
unanswered-line = { $n }. { $count } lần: { $text }
unanswered-hint = Bấm 📎 và số thứ tự để gắn nhóm câu hỏi đó vào một câu trả lời có sẵn, hoặc viết câu trả lời mới. Từ lúc đó bot trả lời được câu hỏi này.
# Variables: $n (number)
button-attach = 📎 { $n }
button-learned = 🧠 Cách hỏi bot đã học
# Variables: $text (string) the question
attach-prompt =
    Câu hỏi: «{ $text }»
    Gõ vài từ để tìm câu trả lời có sẵn phù hợp (ví dụ: «xóa dữ liệu»), rồi bấm chọn. Hoặc bấm nút dưới đây để viết câu trả lời mới. Gõ /cancel để dừng.
attach-choose = Chọn câu trả lời phù hợp, hoặc gõ từ khác để tìm lại:
attach-no-match = Không tìm thấy câu trả lời nào với các từ này. Bạn gõ từ khác, hoặc bấm «Viết câu trả lời mới».
# Variables: $text (string) the users' question, $question (string) the entry's question
attach-done = ✅ Đã gắn «{ $text }» vào câu trả lời «{ $question }». Từ nay bot trả lời câu hỏi này bằng câu trả lời đó.
button-new-entry = ✍️ Viết câu trả lời mới
# Variables: $text (string) the question
new-entry-prompt = Gõ câu trả lời cho câu hỏi «{ $text }» trong một tin nhắn. Câu hỏi và câu trả lời được thêm vào bộ hỏi đáp (sửa lại được bằng faq export/import). Gõ /cancel để dừng.
# Variables: $question (string)
new-entry-done = ✅ Đã thêm câu hỏi «{ $question }» vào bộ hỏi đáp. Bot trả lời được câu này ngay từ bây giờ.
new-entry-category = Câu hỏi từ người dùng
learned-title = <b>Cách hỏi bot đã học</b> (bấm ✖ và số thứ tự để bỏ):
# Variables: $n (number), $phrasing (string), $question (string) the entry's question, $by_admin (number) 1 when an admin attached it, 0 when users taught it
learned-line = { $n }. «{ $phrasing }» → { $question } ({ $by_admin ->
        [1] cán bộ gắn
       *[other] người dùng chọn
    })
learned-none = Bot chưa học cách hỏi nào. Khi hai người cùng chọn một câu trả lời trong «Có phải bạn muốn hỏi…», hoặc khi cán bộ gắn câu hỏi trong /unanswered, cách hỏi đó sẽ hiện ở đây.
# Variables: $n (number)
button-unlearn = ✖ { $n }
teaching-gone = Câu hỏi hoặc câu trả lời này không còn nữa. Gõ /unanswered để xem danh sách mới.
unanswered-none = Chưa có câu hỏi nào bot không trả lời được.
cmd-subscribe = Nhận thông báo
cmd-profile = Ngành nghề, địa bàn nhận tin
cmd-unsubscribe = Thôi nhận thông báo
cmd-broadcast = Gửi thông báo (cán bộ)
cmd-broadcasts = Các thông báo đã gửi (cán bộ)
cmd-courses = Các khóa tập huấn
cmd-register = Đăng ký khóa tập huấn
cmd-myregistrations = Đăng ký của tôi
cmd-newcourse = Tạo khóa học (cán bộ)
cmd-registrations = Quản lý khóa học (cán bộ)
cmd-export = Xuất danh sách học viên (cán bộ)
cmd-faq = Hỏi đáp theo chủ đề
cmd-unanswered = Câu hỏi chưa trả lời được (cán bộ)

button-reply = ✍️ Trả lời
# Variables: $text (string) the user's question
admin-reply-prompt =
    Hãy gõ câu trả lời cho câu hỏi:
    <blockquote>{ $text }</blockquote>
    Câu trả lời sẽ được gửi ngay cho người hỏi. Gõ /cancel nếu không muốn trả lời nữa.
# Variables: $question (string), $answer (string)
centre-reply =
    📬 <b>Trung tâm trả lời câu hỏi của bạn</b>
    <blockquote>{ $question }</blockquote>
    { $answer }
admin-reply-sent = ✅ Đã gửi câu trả lời cho người hỏi.
admin-reply-failed = Không gửi được câu trả lời: người hỏi đã chặn bot hoặc xóa cuộc trò chuyện.
# Variables: $question (string), $up (number), $down (number)
faq-least-helpful = 👎 { $down } / 👍 { $up }: { $question }

## Writing to the centre

contact-prompt =
    Hãy viết nội dung bạn muốn gửi cho cán bộ Trung tâm trong một tin nhắn (nên ghi rõ tên doanh nghiệp và số điện thoại nếu cần liên hệ lại).
    Gõ /cancel nếu không muốn gửi nữa.
# Variables: $text (string) the user's draft
contact-preview =
    <b>Nội dung sẽ gửi cho Trung tâm:</b>
    <blockquote>{ $text }</blockquote>
    Bấm «Gửi» để gửi, hoặc gõ lại nội dung khác để thay thế.
contact-sent = ✅ Trung tâm đã nhận được tin nhắn của bạn. Cán bộ sẽ phản hồi trong thời gian sớm nhất.
# Variables: $max (number) the limit, $len (number) the length received
contact-too-long = Tin nhắn dài { $len } ký tự, vượt quá giới hạn { $max } ký tự. Bạn vui lòng rút gọn rồi gửi lại.
contact-empty = Tin nhắn đang trống. Bạn hãy gõ nội dung cần gửi cho Trung tâm.
button-send = ✅ Gửi
button-cancel = ✖️ Hủy
# Sent to every admin.
# Variables: $name (string, with @username when known), $user_id (string), $text (string)
admin-incoming =
    ✉️ <b>Tin nhắn mới gửi Trung tâm</b>
    Từ: { $name } (id <code>{ $user_id }</code>)
    <blockquote>{ $text }</blockquote>

## Dialogue control

cancelled = Đã dừng thao tác. Bạn có thể bắt đầu lại bất cứ lúc nào.
nothing-to-cancel = Hiện không có thao tác nào đang diễn ra.
state-lost = Xin lỗi, mình không thể tiếp tục cuộc trò chuyện trước đó. Bạn vui lòng bắt đầu lại từ màn hình chính.
menu-expired = Menu này đã hết hạn. Đây là menu mới:

## Admin

not-admin = Xin lỗi, lệnh này chỉ dành cho cán bộ Trung tâm.
# Variables: $date (DD/MM/YYYY), $users, $new_today, $questions, $answered, $waiting, $registrations, $subscribers, $upcoming, $assessments, $consultations (numbers)
admin-panel =
    <b>Bảng điều khiển của cán bộ Trung tâm</b>
    Hôm nay, { $date }:
    • Người mới dùng bot: { $new_today } (tổng cộng { $users })
    • Câu hỏi: { $questions }, bot trả lời được ngay { $answered }
    • Câu hỏi đang chờ cán bộ trả lời: { $waiting }
    • Lượt đăng ký khóa học mới: { $registrations }
    • Người nhận thông báo: { $subscribers }
    • Khóa học sắp diễn ra: { $upcoming }
    • Lượt tự đánh giá SXSH: { $assessments }; yêu cầu tư vấn đang chờ xử lý: { $consultations }
    Chọn một chức năng bên dưới (mỗi nút làm đúng việc của lệnh cùng tên).
panel-new-course = ➕ Tạo khóa học
panel-registrations = 📋 Đăng ký, điểm danh
panel-export = 📥 Xuất danh sách
panel-broadcast = 📣 Gửi thông báo
panel-broadcasts = 🗂 Thông báo đã gửi
panel-stats = 📊 Số liệu
panel-unanswered = ❓ Câu hỏi chưa trả lời
panel-assessments = 📝 Kết quả tự đánh giá
# Variables: $total, $active, $english, $blocked, $messages (numbers)
admin-stats =
    <b>Số liệu người dùng</b>
    Tổng số người đã dùng bot: { $total }
    Hoạt động trong 7 ngày qua: { $active }
    Dùng tiếng Anh: { $english }
    Đã chặn bot: { $blocked }
    Tin nhắn gửi Trung tâm: { $messages }

## Fallbacks

unknown-command = Mình không hiểu lệnh này. Gõ /help để xem các lệnh có thể dùng.
non-text = Mình chỉ đọc được tin nhắn dạng chữ. Bạn vui lòng gõ câu hỏi hoặc chọn một mục trong /start.
error-apology = Xin lỗi, hệ thống đang gặp sự cố nên chưa xử lý được yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút.
# Variables: $bot (string) the bot's @username
group-use-private = Để được hỗ trợ, bạn hãy nhắn riêng cho { $bot }.

## Command menu (setMyCommands)

cmd-start = Màn hình chính
cmd-help = Danh sách lệnh
cmd-lang = Đổi ngôn ngữ
cmd-cancel = Dừng thao tác đang làm
cmd-admin = Bảng điều khiển (cán bộ)
cmd-stats = Số liệu người dùng (cán bộ)

## Terminal chat (sxsh-bot chat)

# Variables: $user_id (string), $role (string)
chat-intro =
    Trò chuyện với bot ngay trong terminal, không cần Telegram. Bạn là người dùng { $user_id } ({ $role }).
    Gõ tin nhắn rồi nhấn Enter; gõ số để bấm nút; /quit để thoát.
chat-role-admin = cán bộ Trung tâm
chat-role-user = người dùng
chat-buttons-hint = (gõ số để bấm nút)
chat-edited = (đã sửa)
# Variables: $name (string) file name
chat-document = [tệp đính kèm: { $name }]
chat-bye = Tạm biệt!
