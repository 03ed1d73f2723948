## Personal data: /privacy, /mydata, /deleteme, and what the centre's staff are told.

cmd-privacy = Bot lưu dữ liệu gì của bạn
cmd-mydata = Xem dữ liệu của tôi
cmd-deleteme = Xóa dữ liệu của tôi

# Variables: $days (number) days after a course ends before its registrations are anonymised; 0 = never
privacy-text =
    🔒 <b>Dữ liệu cá nhân của bạn</b>

    <b>Bot lưu gì</b>
    • Tài khoản Telegram: mã số người dùng, họ tên, tên người dùng (@username) và ngôn ngữ bạn chọn.
    • Đăng ký khóa tập huấn: tên doanh nghiệp, mã số thuế, người liên hệ, chức vụ, số điện thoại, email và họ tên học viên.
    • Đăng ký nhận tin: ngành nghề, xã/phường, tên doanh nghiệp (nếu bạn chọn).
    • Câu hỏi bạn gõ cho bot, tin nhắn bạn gửi cho Trung tâm và đánh giá 👍/👎 của bạn về câu trả lời.
    • Thời điểm bạn đồng ý cho xử lý dữ liệu và phiên bản nội dung bạn đã đồng ý.

    <b>Để làm gì</b>
    Trả lời câu hỏi về sản xuất sạch hơn, tổ chức khóa tập huấn (danh sách học viên, liên hệ, nhắc lịch), gửi thông báo bạn đã đăng ký nhận và cải thiện phần hỏi đáp. Trung tâm không chia sẻ dữ liệu của bạn cho bên thứ ba.

    <b>Lưu trong bao lâu</b>
    Cho tới khi bạn tự xóa bằng lệnh /deleteme.{ $days ->
        [0] {""}
       *[other] {" "}Riêng thông tin cá nhân trong đăng ký khóa học được tự động xóa { $days } ngày sau khi khóa học kết thúc; số chỗ đã đăng ký vẫn được giữ để thống kê nhưng không gắn với ai.
    }

    <b>Quyền của bạn</b>
    • /mydata – nhận toàn bộ dữ liệu bot lưu về bạn (tệp JSON).
    • /deleteme – xóa dữ liệu cá nhân của bạn và rút lại sự đồng ý.
    • /myregistrations, /profile – xem, sửa hoặc hủy đăng ký và thông tin nhận tin.
    • /unsubscribe – thôi nhận thông báo.

    <b>Liên hệ</b>
    Bên kiểm soát và xử lý dữ liệu là Trung tâm Khuyến công và Tư vấn Phát triển công nghiệp của tỉnh. Muốn hỏi thêm, phản đối hoặc khiếu nại về việc xử lý dữ liệu, hãy bấm «✉️ Nhắn cho Trung tâm» ở màn hình chính (/start); cán bộ Trung tâm sẽ trả lời bạn.

    Việc xử lý dữ liệu cá nhân tuân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP.

# Variables: $registrations, $attendees, $questions, $feedback, $messages, $consents, $announcements (number); $subscribed (number) 1 when subscribed, 0 otherwise
mydata-summary =
    📄 <b>Dữ liệu bot đang lưu về bạn</b>

    • Tài khoản Telegram: mã số, họ tên, tên người dùng, ngôn ngữ
    • Đăng ký khóa học: { $registrations } (tổng cộng { $attendees } học viên)
    • Nhận tin: { $subscribed ->
        [1] đang nhận
       *[other] không nhận
    }
    • Câu hỏi đã gõ: { $questions }
    • Tin nhắn gửi Trung tâm: { $messages }
    • Đánh giá câu trả lời: { $feedback }
    • Lần đồng ý xử lý dữ liệu: { $consents }
    • Thông báo đã gửi tới bạn: { $announcements }

    Tệp đính kèm chứa đầy đủ từng mục. Muốn xóa, dùng lệnh /deleteme.
mydata-caption = Toàn bộ dữ liệu bot lưu về bạn
mydata-file-name = du-lieu-cua-toi.json

deleteme-ask =
    🗑 <b>Xóa dữ liệu cá nhân của bạn?</b>

    Bot sẽ xóa: họ tên và tài khoản Telegram của bạn, đăng ký nhận tin, tin nhắn gửi Trung tâm, sự đồng ý đã lưu, và mọi thông tin cá nhân trong các đăng ký khóa học (doanh nghiệp, người liên hệ, số điện thoại, email, mã số thuế, họ tên học viên). Các câu hỏi và đánh giá bạn đã gửi được giữ lại nhưng không còn gắn với bạn.

    Các đăng ký khóa học chưa diễn ra vẫn giữ chỗ dưới dạng ẩn danh và Trung tâm sẽ được báo. Nếu vẫn muốn tham dự, bạn hãy đăng ký lại sau khi xóa.

    Việc xóa không thể hoàn tác.
button-erase-confirm = 🗑 Xóa dữ liệu của tôi
button-erase-keep = Không, giữ lại
deleteme-kept = Đã giữ nguyên, không có dữ liệu nào bị xóa.
# Variables: $kept (number) registrations for courses not over yet, kept as anonymous seats
deleteme-done =
    ✅ <b>Đã xóa dữ liệu cá nhân của bạn.</b>{ $kept ->
        [0] {""}
       *[other] {" "}{ $kept } đăng ký cho khóa học sắp tới vẫn giữ chỗ nhưng không còn gắn với bạn; Trung tâm đã được báo.
    }

    Nếu bạn nhắn tiếp cho bot, bot sẽ lại lưu tài khoản Telegram của bạn để trả lời. Cảm ơn bạn đã đồng hành cùng Trung tâm.
deleteme-nothing = Bot không còn lưu dữ liệu cá nhân nào của bạn, không có gì để xóa thêm.

# Variables: $count (number) registrations kept as anonymous seats
admin-erased-title = 🔒 Một người đăng ký vừa yêu cầu xóa dữ liệu cá nhân. { $count } đăng ký của họ cho khóa học chưa kết thúc vẫn giữ chỗ nhưng đã ẩn danh, không còn thông tin liên hệ:
# Variables: $code, $title, $starts (string); $seats (number); $status (string) confirmed or waitlisted
admin-erased-line = • { $code } · <b>{ $title }</b> ({ $starts }) · { $seats } chỗ · { $status ->
        [waitlisted] danh sách chờ
       *[other] đã xác nhận
    }
