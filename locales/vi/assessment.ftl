## Tự đánh giá sản xuất sạch hơn (/assessment) và yêu cầu tư vấn

cmd-assessment = Tự đánh giá SXSH của cơ sở (5 phút)
cmd-assessments = Kết quả tự đánh giá, yêu cầu tư vấn
menu-assessment = 📋 Tự đánh giá SXSH

assess-intro =
    📋 <b>Tự đánh giá sản xuất sạch hơn</b>

    Các câu hỏi ngắn về những việc cơ sở đang làm: ghi chép, đồng hồ đo, chỉ tiêu và các thay đổi gần đây. Mất khoảng 5 phút, trả lời bằng nút bấm.

    Hãy chọn theo những gì cơ sở thực sự đang làm; nếu không chắc, chọn «Không rõ». Kết quả chỉ dùng để gợi ý việc nên làm trước. Có thể bấm «Quay lại» để sửa câu trước, hoặc gõ /cancel để dừng.

    Cơ sở của bạn thuộc ngành nào?
# Variables: $sector (string, a sector code as in assess-sector-name)
assess-intro-known =
    📋 <b>Tự đánh giá sản xuất sạch hơn</b>

    Các câu hỏi ngắn về những việc cơ sở đang làm: ghi chép, đồng hồ đo, chỉ tiêu và các thay đổi gần đây; mất khoảng 5 phút. Hãy chọn theo những gì cơ sở thực sự đang làm; nếu không chắc, chọn «Không rõ».

    Ngành theo hồ sơ của bạn: <b>{ $sector ->
        [coffee] Cà phê
        [cassava] Tinh bột sắn
        [rubber] Mủ cao su
        [wood] Chế biến gỗ
        [bricks] Gạch, vật liệu xây dựng
        [food] Chế biến thực phẩm
       *[other] Ngành khác
    }</b>. Muốn chọn ngành khác, bấm «Quay lại» ở câu đầu tiên. Gõ /cancel để dừng.
assess-resume = Bạn đang làm dở bài tự đánh giá. Mình tiếp tục từ câu đang dừng nhé.
# Variables: $sector (string: coffee, cassava, rubber, wood, bricks, food, other)
assess-sector-name = { $sector ->
    [coffee] Cà phê
    [cassava] Tinh bột sắn
    [rubber] Mủ cao su
    [wood] Chế biến gỗ
    [bricks] Gạch, vật liệu xây dựng
    [food] Chế biến thực phẩm
   *[other] Ngành khác
}
# Variables: $area (string: housekeeping, energy, water, materials, people)
assess-area-name = { $area ->
    [housekeeping] Quản lý nội vi
    [energy] Năng lượng
    [water] Nước
    [materials] Nguyên liệu, chất thải
   *[people] Đo lường, con người
}
# Variables: $n, $total (number), $area, $text (string)
assess-question =
    <b>Câu { $n }/{ $total }</b> · { $area }

    { $text }
# Variables: $choice (number: 0 yes, 1 partly, 2 no, 3 not sure)
assess-answer = { $choice ->
    [0] ✅ Có
    [1] 🟡 Một phần
    [2] ❌ Chưa
   *[3] ❔ Không rõ
}
assess-button-back = ⬅️ Quay lại
assess-use-buttons = Bạn chọn câu trả lời bằng các nút bên dưới nhé (gõ /cancel nếu muốn dừng).
assess-no-questions = Hiện chưa có bộ câu hỏi tự đánh giá. Bạn vui lòng quay lại sau.
# Variables: $overall (number)
assess-chart-title = Kết quả tự đánh giá SXSH: { $overall }/100
assess-not-asked = không có câu hỏi
# Variables: $overall (number)
assess-caption = 📊 <b>Điểm sản xuất sạch hơn: { $overall }/100</b>
# Variables: $area (string), $score (number)
assess-caption-line = • { $area }: { $score }
# Variables: $area, $change (string, signed: +10, −5, ±0), $score (number)
assess-caption-change = • { $area }: { $score } ({ $change } so với lần trước)
# Variables: $area (string)
assess-caption-skipped = • { $area }: không có câu hỏi
# Variables: $date (string), $before (number)
assess-caption-since = Lần trước ({ $date }): { $before }/100. Điểm chỉ dùng để cơ sở tự so sánh với chính mình qua các lần.
assess-actions-title = 🎯 <b>Việc nên làm trước</b>
# Variables: $n (number), $action, $reason (string)
assess-action-line = { $n }. <b>{ $action }</b>
    { $reason }
assess-no-actions = 🎉 Cơ sở đã làm tốt mọi việc được hỏi. Hãy duy trì, ghi lại kết quả và tìm cơ hội ở công đoạn tiếp theo.
assess-next-steps = Bấm nút để đọc hướng dẫn cho từng việc. Trung tâm có thể hỗ trợ thêm qua khóa tập huấn hoặc tư vấn tại cơ sở.
# Variables: $n (number)
assess-button-read = 📖 Việc { $n }: xem hướng dẫn
assess-button-course = 📚 Đăng ký khóa tập huấn sắp tới
assess-button-consult = 🤝 Đề nghị Trung tâm tư vấn
assess-button-later = ⏰ Để sau, tôi sẽ làm lại
assess-later = Được ạ. Sau khi thực hiện vài việc trên, bạn gõ /assessment để làm lại và xem điểm từng phần thay đổi thế nào.

consult-consent =
    🔒 <b>Trước khi gửi yêu cầu tư vấn</b>

    Để liên hệ tư vấn, Trung tâm cần lưu tên cơ sở, số điện thoại và nội dung bạn cần hỗ trợ, cùng kết quả tự đánh giá gần nhất.

    Thông tin chỉ dùng để Trung tâm liên hệ tư vấn sản xuất sạch hơn, không chia sẻ cho bên thứ ba. Bạn có thể xem bằng lệnh /mydata và xóa bằng lệnh /deleteme.

    Việc xử lý dữ liệu cá nhân tuân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP. Bạn có đồng ý không?
consult-consent-declined = Không sao. Khi chưa có sự đồng ý của bạn, mình chưa thể gửi yêu cầu tư vấn. Bạn vẫn có thể xem hướng dẫn và hỏi bot như bình thường.
consult-ask-enterprise = Tên cơ sở hoặc doanh nghiệp của bạn là gì?
consult-ask-phone = Số điện thoại để Trung tâm liên hệ? Bạn có thể gõ số hoặc bấm nút chia sẻ số điện thoại bên dưới.
# Variables: $enterprise, $phone (string)
consult-ask-need =
    🏢 { $enterprise }
    📞 { $phone }

    Bạn cần Trung tâm hỗ trợ việc gì? Viết ngắn gọn, ví dụ: «giảm tiền điện lò sấy», «tuần hoàn nước rửa».
# Variables: $id (number)
consult-sent = ✅ Đã gửi yêu cầu tư vấn (số { $id }). Cán bộ Trung tâm sẽ liên hệ với bạn qua số điện thoại đã cung cấp.
consult-button-handled = ✅ Đã xử lý
# Variables: $id (number)
consult-button-handled-id = ✅ Đã xử lý yêu cầu số { $id }
# Variables: $id, $user_id (number), $name, $enterprise, $phone, $need, $score (string)
admin-consult-request =
    🤝 <b>Yêu cầu tư vấn số { $id }</b>
    Người gửi: { $name } (mã { $user_id })
    🏢 { $enterprise }
    📞 { $phone }
    📊 Tự đánh giá gần nhất: { $score }

    { $need }
# Variables: $id (number)
admin-consult-handled = Đã ghi nhận yêu cầu tư vấn số { $id } là đã xử lý; người gửi đã được báo.
# Variables: $id (number)
admin-consult-already = Yêu cầu tư vấn số { $id } đã được xử lý trước đó (hoặc không còn).
# Variables: $id (number)
consult-handled-notice = ✅ Trung tâm đã xử lý yêu cầu tư vấn số { $id } của bạn. Nếu cần thêm, bạn cứ nhắn cho Trung tâm hoặc gửi yêu cầu mới sau khi tự đánh giá.

## Cho cán bộ Trung tâm (/assessments)

# Variables: $month, $total, $people (number)
admin-assess-title =
    📋 <b>Tự đánh giá SXSH</b>
    Tháng này: { $month } lượt · Tất cả: { $total } lượt · { $people } người
admin-assess-none = Chưa có ai làm bài tự đánh giá.
# Variables: $name (string), $count, $overall (number), $housekeeping, $energy, $water, $materials, $people (string)
admin-assess-group = • <b>{ $name }</b> ({ $count } lượt): { $overall }/100 — nội vi { $housekeeping }, năng lượng { $energy }, nước { $water }, nguyên liệu { $materials }, con người { $people }
admin-assess-all = Tất cả
admin-assess-by-sector = <b>Theo ngành</b>
admin-assess-by-area = <b>Theo xã, phường</b>
admin-assess-gaps-title = <b>Việc cơ sở thường chưa làm</b>
# Variables: $count (number), $text (string)
admin-assess-gap = • { $count } lượt: { $text }
# Variables: $count (number)
admin-assess-requests-title = <b>Yêu cầu tư vấn chưa xử lý: { $count }</b>
# Variables: $id (number), $enterprise, $phone, $need, $date (string)
admin-assess-request = • Số { $id } ({ $date }): { $enterprise }, { $phone } — { $need }
# Variables: $count (number)
admin-assess-chart-title = Điểm trung bình của { $count } lượt tự đánh giá
assess-button-export = 📥 Xuất Excel kết quả
# Variables: $count (number)
assess-export-caption = Kết quả tự đánh giá SXSH: { $count } lượt (không kèm thông tin cá nhân)
assess-export-file-name = ket-qua-tu-danh-gia-sxsh.xlsx
assess-export-sheet = Tự đánh giá
# Variables: $n (number)
assess-result-column = { $n ->
    [1] STT
    [2] Ngày
    [3] Ngành
    [4] Xã, phường
    [5] Quản lý nội vi
    [6] Năng lượng
    [7] Nước
    [8] Nguyên liệu, chất thải
    [9] Đo lường, con người
   *[10] Điểm chung
}

## Dữ liệu cá nhân

# Variables: $assessments, $requests (number)
mydata-assessments = • Tự đánh giá SXSH: { $assessments } lần; yêu cầu tư vấn: { $requests }
privacy-assessment =
    <b>Tự đánh giá và yêu cầu tư vấn</b>
    Bot lưu câu trả lời, điểm và ngày bạn tự đánh giá, cùng ngành và xã, phường trong hồ sơ của bạn, để bạn so sánh giữa các lần. Yêu cầu tư vấn lưu tên cơ sở, số điện thoại và nội dung cần hỗ trợ. Khi bạn dùng /deleteme, yêu cầu tư vấn bị xóa; điểm tự đánh giá chỉ còn trong số liệu chung của Trung tâm, không gắn với bạn nữa.
deleteme-assessments = Về tự đánh giá SXSH: các yêu cầu tư vấn của bạn sẽ bị xóa; điểm các lần tự đánh giá chỉ còn trong số liệu chung của Trung tâm, không gắn với bạn nữa.
