## Subscriptions and broadcasts.

## Subscribing (users)

subscribe-done = 📢 Bạn đã đăng ký nhận thông báo của Trung tâm: khóa tập huấn mới, hội thảo, chính sách hỗ trợ. Có thể hủy bất cứ lúc nào bằng /unsubscribe.
subscribe-already = Bạn đang nhận thông báo của Trung tâm rồi. Đổi ngành nghề, địa bàn: /profile. Hủy nhận: /unsubscribe.
subscribe-profile-offer = Để nhận đúng thông báo dành cho doanh nghiệp mình, bạn có thể cho biết ngành nghề và địa bàn (không bắt buộc).
button-profile = 🏷 Chọn ngành nghề, địa bàn
button-not-now = Để sau
unsubscribe-done = Bạn đã hủy nhận thông báo. Khi muốn nhận lại, gõ /subscribe.
unsubscribe-not-subscribed = Bạn chưa đăng ký nhận thông báo. Muốn nhận, gõ /subscribe.
profile-not-subscribed = Bạn chưa đăng ký nhận thông báo. Gõ /subscribe để đăng ký, rồi chọn ngành nghề và địa bàn.
profile-ask-sector = Doanh nghiệp của bạn thuộc ngành nào?
profile-ask-area = 📍 Doanh nghiệp đặt ở xã/phường nào? Gõ tên (có thể không dấu) hoặc chọn theo huyện cũ.
# Variables: $former (string) the former district the profile names, as area-former renders it
profile-ask-area-former =
    📍 Hồ sơ của bạn đang ghi địa bàn { $former }; từ 1/7/2025 không còn cấp huyện.
    Doanh nghiệp đặt ở xã/phường nào? Gõ tên (có thể không dấu) hoặc chọn theo huyện cũ.
profile-area-matches = Bấm chọn xã/phường của doanh nghiệp:
# Variables: $query (string) what the user typed: the name of a commune or ward from before 1 July 2025
profile-area-matches-old = Từ 1/7/2025, «{ $query }» thuộc xã/phường dưới đây. Bấm chọn xã/phường của doanh nghiệp:
# Variables: $shown (number) how many matches are shown
profile-area-too-many = Có nhiều xã/phường khớp, dưới đây là { $shown } kết quả đầu. Bạn gõ đầy đủ tên hơn hoặc chọn theo huyện cũ.
# Variables: $query (string) what the user typed
profile-area-none = Mình chưa tìm thấy xã/phường nào khớp với «{ $query }». Bạn thử gõ lại tên (có thể không dấu, ví dụ: xuan dai) hoặc chọn theo huyện cũ.
profile-area-groups = Chọn huyện, thị xã hoặc thành phố cũ (trước 1/7/2025) nơi doanh nghiệp đặt trụ sở:
# Variables: $group (string) a former district, as area-group renders it
profile-area-group = Các xã/phường hiện nay trên địa bàn { $group } cũ:
button-area-browse = 🗂 Chọn theo huyện cũ
button-area-groups = « Các huyện cũ
# Variables: $kind (string) commune, ward, zone or other; $name (string)
area-name = { $kind ->
    [commune] xã { $name }
    [ward] phường { $name }
    [zone] đặc khu { $name }
   *[other] { $name }
}
# Variables: $kind (string) commune, ward, zone or other; $name (string)
button-area = { $kind ->
    [commune] Xã { $name }
    [ward] Phường { $name }
    [zone] Đặc khu { $name }
   *[other] { $name }
}
# Variables: $kind (string) district, town, city or other; $name (string)
area-group = { $kind ->
    [district] huyện { $name }
    [town] thị xã { $name }
    [city] thành phố { $name }
   *[other] { $name }
}
# Variables: $kind (string) district, town, city or other; $name (string)
area-former = { $kind ->
    [district] huyện { $name }
    [town] thị xã { $name }
    [city] thành phố { $name }
   *[other] { $name }
} (cũ)
# Variables: $former (string) the former district the profile names, as area-former renders it
area-invite = 📍 Từ 1/7/2025 không còn cấp huyện. Hồ sơ nhận thông báo của bạn đang ghi địa bàn { $former }. Bạn hãy chọn xã/phường hiện nay của doanh nghiệp để nhận đúng thông báo dành cho địa bàn mình.
button-area-choose = 📍 Chọn xã/phường
profile-ask-enterprise = Tên doanh nghiệp của bạn (không bắt buộc)? Gõ tên hoặc bấm «Bỏ qua».
# Variables: $sector, $area, $enterprise (string)
profile-saved =
    ✅ Đã lưu hồ sơ nhận thông báo:
    🏭 Ngành: { $sector }
    📍 Địa bàn: { $area }
    🏢 Doanh nghiệp: { $enterprise }
# Variables: $sector (string) a sector code
sector-name = { $sector ->
    [agro] Chế biến nông, lâm sản
    [construction] Vật liệu xây dựng
    [mining] Khai thác, chế biến khoáng sản
    [food] Thực phẩm, đồ uống
    [mechanical] Cơ khí
    [textiles] Dệt may
   *[other] Ngành khác
}

## Broadcasting (admins)

broadcast-ask-content = 📢 <b>Gửi thông báo</b> (gõ /cancel để dừng)

    Gửi nội dung cần thông báo: một tin nhắn (có thể in đậm, in nghiêng, chèn liên kết), một ảnh kèm chú thích, hoặc một tệp (ví dụ kế hoạch khóa học dạng PDF) kèm chú thích.
broadcast-bad-content = Nội dung này chưa gửi được: hãy gửi một tin nhắn chữ, một ảnh hoặc một tệp.
# Variables: $max, $len (number)
broadcast-too-long = Nội dung dài { $len } ký tự, quá giới hạn { $max } của Telegram. Bạn vui lòng rút gọn rồi gửi lại.
# Variables: $audience (string); $count (number)
broadcast-audience =
    Gửi tới ai? Hiện chọn: <b>{ $audience }</b> — { $count } người nhận.
    Bấm để thu hẹp theo ngành, địa bàn hoặc học viên một khóa, rồi bấm «Tiếp tục».
audience-everyone = tất cả người đăng ký nhận tin
# Variables: $sector (string)
audience-sector = ngành { $sector }
# Variables: $area (string) a commune or ward, as area-name renders it
audience-area = địa bàn { $area }
# Variables: $group (string) a former district, as area-group renders it
audience-group = địa bàn { $group } cũ
# Variables: $title (string)
audience-course = học viên khóa «{ $title }»
button-audience-all = 👥 Tất cả
button-audience-sector = 🏭 Theo ngành
button-audience-district = 📍 Theo địa bàn
button-audience-course = 📚 Học viên một khóa
button-continue = Tiếp tục ➡️
broadcast-pick-sector = Chọn ngành:
broadcast-pick-group = Chọn huyện, thị xã hoặc thành phố cũ (trước 1/7/2025), rồi chọn cả địa bàn cũ đó hoặc một xã/phường:
# Variables: $group (string) a former district, as area-group renders it
broadcast-pick-in-group = Gửi cho cả địa bàn { $group } cũ hay cho một xã/phường?
broadcast-pick-area = Chọn xã/phường:
# Variables: $group (string) a former district, as area-group renders it
button-whole-group = 📍 Cả địa bàn { $group } cũ
broadcast-pick-course = Chọn khóa học:
broadcast-no-recipients = Chưa có ai thuộc nhóm này. Bạn hãy chọn nhóm khác.
broadcast-ask-button = Gắn nút «📝 Đăng ký» của một khóa học dưới thông báo?
button-no-button = Không gắn nút
broadcast-preview-title = 👇 Người nhận sẽ thấy đúng như sau:
# Variables: $count (number)
broadcast-confirm = Gửi tới { $count } người. Gửi ngay hay hẹn giờ?
button-send-now = 🚀 Gửi ngay
button-schedule = ⏰ Hẹn giờ
broadcast-ask-when = Gửi lúc nào? Gõ ngày giờ theo giờ Việt Nam, dạng DD/MM/YYYY HH:MM, ví dụ 15/03/2027 08:00.
broadcast-bad-when = Thời gian chưa đúng dạng DD/MM/YYYY HH:MM, ví dụ 15/03/2027 08:00.
broadcast-past-when = Thời điểm này đã qua. Bạn vui lòng chọn một thời điểm sắp tới.
# Variables: $count (number); $when (string)
broadcast-confirm-scheduled = Hẹn gửi tới { $count } người lúc { $when } (giờ Việt Nam). Xác nhận?
# Variables: $id, $count (number)
broadcast-queued = ✅ Thông báo #{ $id } đã vào hàng đợi, { $count } người nhận. Mình sẽ cập nhật tiến độ tại đây.
# Variables: $id, $count (number); $when (string)
broadcast-scheduled = ⏰ Thông báo #{ $id } sẽ được gửi lúc { $when } tới { $count } người.
# Variables: $id, $sent, $failed, $blocked, $remaining, $eta (number); $yielding (string) yes while people's messages go first, else no
broadcast-progress =
    📤 Đang gửi thông báo #{ $id }
    ✅ Đã gửi: { $sent } · ⚠️ Lỗi: { $failed } · 🚫 Đã chặn bot: { $blocked }
    ⏳ Còn lại: { $remaining } (khoảng { $eta } giây){ $yielding ->
        [yes] {""}
            ⏸ Đang nhường lượt cho người dùng đang hỏi bot; việc gửi sẽ bắt kịp ngay sau đó.
       *[no] {""}
    }
# Variables: $id, $sent, $failed, $blocked, $cancelled (number); $status (string) done or cancelled
broadcast-report = { $status ->
    [cancelled] ⏹ Đã dừng thông báo #{ $id }.
   *[done] ✅ Đã gửi xong thông báo #{ $id }.
    }
    Đã gửi: { $sent } · Lỗi: { $failed } · Đã chặn bot: { $blocked } · Không gửi: { $cancelled }
button-stop = ⏹ Dừng gửi
broadcasts-title = 📢 <b>Các thông báo gần đây</b>
broadcasts-none = Chưa có thông báo nào.
# Variables: $id, $sent, $total (number); $status, $when (string)
broadcasts-line = #{ $id } · { $when } · { $status } · đã gửi { $sent }/{ $total }
# Variables: $status (string)
broadcast-status = { $status ->
    [scheduled] đã hẹn giờ
    [sending] đang gửi
    [cancelled] đã dừng
   *[done] đã xong
}
