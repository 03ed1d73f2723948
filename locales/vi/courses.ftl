## Courses, registrations and rosters.

## Roster export (spreadsheet columns)

# Variables: $n (number) the column, 1 to 12
roster-column = { $n ->
    [1] STT
    [2] Họ và tên học viên
    [3] Mã đăng ký
    [4] Trạng thái
    [5] Doanh nghiệp
    [6] Mã số thuế
    [7] Người liên hệ
    [8] Chức vụ
    [9] Điện thoại
    [10] Email
    [11] Thời gian đăng ký
   *[12] Có mặt
}
roster-confirmed = Đã xác nhận
roster-waitlisted = Danh sách chờ
roster-yes = Có
roster-no = Chưa

## Course list and details (users)

courses-title = 📚 <b>Khóa tập huấn sắp diễn ra</b>
    Bấm vào một khóa để xem chi tiết và đăng ký.
courses-none = Hiện chưa có khóa tập huấn nào sắp diễn ra. Trung tâm sẽ thông báo khi có khóa mới.
courses-register-title = 📝 Chọn khóa bạn muốn đăng ký:
# Variables: $title, $location, $starts, $ends, $deadline (string); $left, $capacity (number)
course-details =
    📚 <b>{ $title }</b>

    📍 Địa điểm: { $location }
    🗓 Thời gian: { $starts } – { $ends }
    ⏳ Hạn đăng ký: hết ngày { $deadline }
    👥 Còn { $left }/{ $capacity } chỗ
# Variables: $description (string)
course-description = { $description }
course-full-note = Khóa học đã đủ chỗ. Bạn vẫn có thể đăng ký vào danh sách chờ: khi có người hủy, mình sẽ báo ngay cho bạn.
button-register = 📝 Đăng ký
button-waitlist = 📝 Đăng ký danh sách chờ
button-course-list = 📚 Các khóa học
button-my-registrations = 🗂 Đăng ký của tôi

## Registration dialogue

reg-consent =
    🔒 <b>Trước khi đăng ký</b>

    Để nhận đăng ký, Trung tâm cần lưu các thông tin bạn cung cấp: tên doanh nghiệp, mã số thuế (nếu có), người liên hệ, chức vụ, số điện thoại, email (nếu có) và họ tên học viên.

    Thông tin chỉ dùng để tổ chức khóa tập huấn: lập danh sách học viên, liên hệ và nhắc lịch. Trung tâm không chia sẻ cho bên thứ ba. Bạn có thể xem hoặc hủy đăng ký bất cứ lúc nào bằng lệnh /myregistrations.

    Việc xử lý dữ liệu cá nhân tuân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP. Bạn có đồng ý không?
button-agree = ✅ Tôi đồng ý
button-disagree = Không đồng ý
reg-consent-declined = Không sao. Khi chưa có sự đồng ý của bạn, mình chưa thể nhận đăng ký. Bạn vẫn có thể đặt câu hỏi và xem thông tin các khóa học.
# Variables: $enterprise, $contact, $position, $phone (string)
reg-reuse =
    Dùng lại thông tin của lần đăng ký trước?

    🏢 { $enterprise }
    👤 { $contact } – { $position }
    📞 { $phone }
button-reuse = ✅ Dùng thông tin này
button-fresh = ✏️ Nhập thông tin mới
# Variables: $title (string)
reg-ask-enterprise =
    📝 Đăng ký khóa <b>{ $title }</b> (gõ /cancel để dừng bất cứ lúc nào)

    Tên doanh nghiệp hoặc đơn vị của bạn là gì?
reg-ask-contact = Họ và tên người liên hệ?
reg-ask-position = Chức vụ của người liên hệ? Ví dụ: Giám đốc, Trưởng phòng kỹ thuật.
reg-ask-phone = Số điện thoại liên hệ? Bạn có thể gõ số (ví dụ 0912 345 678) hoặc bấm nút «📱 Gửi số điện thoại của tôi» bên dưới.
button-share-phone = 📱 Gửi số điện thoại của tôi
# Variables: $phone (string)
reg-phone-saved = 📞 Đã ghi nhận số điện thoại { $phone }.
reg-ask-email = Email liên hệ (không bắt buộc)? Gõ địa chỉ email hoặc bấm «Bỏ qua».
button-skip = Bỏ qua ⏭
# Variables: $max (number)
reg-ask-count = Doanh nghiệp cử bao nhiêu học viên tham dự? Chọn bên dưới hoặc gõ một số từ 1 đến { $max }.
# Variables: $count (number)
reg-ask-names = Gõ họ và tên của { $count } học viên, mỗi người một dòng.
reg-ask-name-one = Họ và tên học viên? Nếu chính bạn tham dự, bấm nút bên dưới.
reg-ask-tax = Mã số thuế của doanh nghiệp (không bắt buộc, 10 hoặc 13 chữ số)? Gõ mã số thuế hoặc bấm «Bỏ qua».
reg-not-given = (không có)
# Variables: $title, $starts, $location, $enterprise, $tax, $contact, $position, $phone, $email, $names (string); $count (number)
reg-summary =
    <b>Kiểm tra lại thông tin đăng ký</b>

    📚 Khóa: { $title } ({ $starts }, { $location })
    🏢 Doanh nghiệp: { $enterprise }
    🧾 Mã số thuế: { $tax }
    👤 Người liên hệ: { $contact } – { $position }
    📞 Điện thoại: { $phone }
    📧 Email: { $email }
    👥 Học viên ({ $count }):
    { $names }

    Bấm «Xác nhận» để gửi đăng ký.
reg-summary-waitlist = ⚠️ Khóa học hiện không còn đủ chỗ: đăng ký này sẽ vào danh sách chờ.
button-confirm = ✅ Xác nhận
# Variables: $code, $title, $starts, $ends, $location (string); $count (number)
reg-confirmed =
    🎉 <b>Đăng ký thành công!</b> Mã đăng ký: <b>{ $code }</b>

    📚 { $title }
    🗓 { $starts } – { $ends }
    📍 { $location }
    👥 { $count } học viên

    Mình sẽ nhắc bạn một ngày trước khi khóa học bắt đầu. Xem hoặc hủy đăng ký: /myregistrations
# Variables: $code, $title (string); $place (number)
reg-waitlisted = 📋 Khóa <b>{ $title }</b> đã hết chỗ nên đăng ký của bạn được xếp vào danh sách chờ, ở vị trí số <b>{ $place }</b>. Mã đăng ký: <b>{ $code }</b>. Khi có chỗ trống, mình sẽ báo ngay cho bạn.
# Variables: $code, $title (string)
reg-already = Bạn đã đăng ký khóa <b>{ $title }</b> rồi (mã { $code }). Bạn có thể sửa thông tin đăng ký hoặc xem các đăng ký của mình.
# Variables: $max (number)
reg-bad-too-long = Câu trả lời dài quá (tối đa { $max } ký tự). Bạn vui lòng gõ ngắn gọn hơn.
reg-bad-empty = Mình chưa nhận được nội dung. Bạn vui lòng gõ câu trả lời.
reg-bad-name = Họ và tên chỉ gồm chữ cái, ví dụ: Nguyễn Thị Lan. Bạn vui lòng gõ lại.
reg-bad-phone = Số điện thoại chưa đúng. Hãy gõ số Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678, hoặc bấm nút gửi số điện thoại.
reg-contact-not-yours = Vui lòng gửi số điện thoại của chính bạn (nút «📱 Gửi số điện thoại của tôi») hoặc gõ số điện thoại.
reg-bad-email = Email chưa đúng, ví dụ đúng: ten@congty.vn. Bạn vui lòng gõ lại hoặc bấm «Bỏ qua».
# Variables: $max (number)
reg-bad-count = Vui lòng gõ một số từ 1 đến { $max }.
# Variables: $expected, $got (number)
reg-bad-names-count = Mình cần đúng { $expected } họ tên (mỗi người một dòng), bạn đã gửi { $got }. Bạn vui lòng gửi lại.
# Variables: $line (number)
reg-bad-names-line = Dòng { $line } chưa phải là họ tên (chỉ gồm chữ cái). Bạn vui lòng gửi lại danh sách.
reg-bad-tax-length = Mã số thuế gồm 10 chữ số, hoặc 13 chữ số với mã chi nhánh (ví dụ 0100109106-001). Bạn vui lòng gõ lại hoặc bấm «Bỏ qua».
reg-bad-tax-check = Mã số thuế này không hợp lệ (sai số kiểm tra). Bạn kiểm tra lại giúp mình, hoặc bấm «Bỏ qua».
reg-use-buttons = Bạn vui lòng chọn bằng các nút bên trên, hoặc gõ /cancel để dừng.
# Variables: $deadline (string)
reg-closed-deadline = Rất tiếc, khóa này đã hết hạn đăng ký (hạn cuối là hết ngày { $deadline }).
reg-closed-centre = Rất tiếc, Trung tâm đã đóng đăng ký khóa này.
reg-closed-cancelled = Khóa học này đã bị hủy.
reg-no-course = Không tìm thấy khóa học này, có thể thông tin đã thay đổi. Xem các khóa hiện có: /courses

## My registrations

myreg-title = 🗂 <b>Đăng ký của bạn</b>
myreg-none = Bạn chưa đăng ký khóa nào. Xem các khóa sắp diễn ra: /courses
# Variables: $code, $title, $starts, $location, $status (string); $count (number)
myreg-item =
    📚 <b>{ $title }</b>
    🗓 { $starts } · 📍 { $location }
    👥 { $count } học viên · { $status } · mã { $code }
myreg-status-confirmed = ✅ đã xác nhận
# Variables: $place (number)
myreg-status-waitlist = ⏳ danh sách chờ, vị trí { $place }
myreg-status-course-cancelled = ❌ khóa học đã bị hủy
# Variables: $code (string)
button-cancel-registration = ❌ Hủy đăng ký { $code }
# Variables: $title, $code (string)
cancel-ask = Bạn chắc chắn muốn hủy đăng ký khóa <b>{ $title }</b> (mã { $code })? Chỗ của bạn sẽ được nhường cho người trong danh sách chờ.
button-edit-registration = ✏️ Sửa thông tin đăng ký
# Variables: $code (string)
button-edit-registration-code = ✏️ Sửa { $code }
# Variables: $code, $title (string)
reg-updated = ✅ Đã cập nhật đăng ký { $code } cho khóa <b>{ $title }</b>.
# Variables: $max (number)
reg-no-seats = Rất tiếc, khóa học chỉ còn đủ chỗ cho tối đa { $max } học viên trong đăng ký này. Thông tin cũ của bạn vẫn được giữ nguyên.
button-yes-cancel = Có, hủy đăng ký
button-no = Không
# Variables: $title (string)
cancel-done = Đã hủy đăng ký khóa <b>{ $title }</b>. Cảm ơn bạn đã báo để nhường chỗ.
cancel-not-found = Đăng ký này không còn nữa (có thể đã được hủy trước đó).
# Variables: $title, $code, $starts, $location (string)
reg-promoted = 🎉 Tin vui! Khóa <b>{ $title }</b> ({ $starts }, { $location }) đã có chỗ trống: đăng ký { $code } của bạn đã được xác nhận. Nếu không tham dự được, hãy hủy trong /myregistrations để nhường chỗ.
# Variables: $title, $starts, $location, $code (string)
reg-reminder = ⏰ <b>Nhắc lịch:</b> ngày mai ({ $starts }) khóa <b>{ $title }</b> bắt đầu tại { $location }. Mã đăng ký: { $code }. Nếu không thể tham dự, bấm nút bên dưới để hủy và nhường chỗ cho người khác.
# Variables: $title, $deadline (string)
reg-nudge = ⏳ Khóa <b>{ $title }</b> hết hạn đăng ký vào ngày mai ({ $deadline }) và vẫn còn chỗ. Nếu doanh nghiệp muốn tham dự, hãy đăng ký ngay:
# Variables: $title, $starts (string)
course-cancelled-notice = ❗ Trung tâm rất tiếc phải thông báo: khóa <b>{ $title }</b> (dự kiến bắt đầu { $starts }) đã bị hủy, đăng ký của bạn không còn hiệu lực. Xin lỗi bạn vì sự bất tiện này.

## Course form (admins)

newcourse-intro = 🆕 <b>Tạo khóa tập huấn mới</b>: mình sẽ hỏi lần lượt từng mục (gõ /cancel để dừng).
newcourse-ask-title = Tên khóa học?
newcourse-ask-description = Mô tả ngắn: nội dung, đối tượng, chi phí…? Bấm «Bỏ qua» nếu không cần.
newcourse-ask-location = Địa điểm tổ chức?
newcourse-ask-starts = Ngày bắt đầu (DD/MM/YYYY)?
newcourse-ask-ends = Ngày kết thúc (DD/MM/YYYY)? Khóa học một ngày thì gõ lại ngày bắt đầu.
# Variables: $max (number)
newcourse-ask-capacity = Số chỗ, tức số học viên tối đa (từ 1 đến { $max })?
newcourse-ask-deadline = Hạn chót đăng ký (DD/MM/YYYY, không muộn hơn ngày bắt đầu)?
form-bad-date = Ngày chưa đúng dạng. Hãy gõ theo dạng DD/MM/YYYY, ví dụ 15/03/2027.
form-no-such-day = Ngày này không có trong lịch (ví dụ 31/02). Bạn vui lòng gõ lại.
# Variables: $max (number)
form-bad-capacity = Số chỗ phải là một số nguyên từ 1 đến { $max }.
form-ends-before-start = Ngày kết thúc không được sớm hơn ngày bắt đầu. Bạn vui lòng gõ lại ngày kết thúc.
form-deadline-after-start = Hạn đăng ký không được muộn hơn ngày bắt đầu. Bạn vui lòng gõ lại hạn đăng ký.
form-starts-in-past = Ngày bắt đầu đã qua. Bạn vui lòng gõ một ngày từ hôm nay trở đi.
# Variables: $title, $description, $location, $starts, $ends, $deadline (string); $capacity (number)
course-summary =
    <b>Kiểm tra lại khóa học</b>

    📚 { $title }
    📝 { $description }
    📍 { $location }
    🗓 { $starts } – { $ends }
    👥 { $capacity } chỗ
    ⏳ Hạn đăng ký: { $deadline }
button-edit = ✏️ Sửa
form-pick = Bạn muốn sửa mục nào?
# Variables: $n (number) the field, 0 to 6
form-field = { $n ->
    [0] Tên khóa
    [1] Mô tả
    [2] Địa điểm
    [3] Ngày bắt đầu
    [4] Ngày kết thúc
    [5] Số chỗ
   *[6] Hạn đăng ký
}
# Variables: $title (string)
course-created = ✅ Đã tạo khóa <b>{ $title }</b>. Người dùng đã có thể xem và đăng ký qua /courses.
# Variables: $title (string)
course-updated = ✅ Đã cập nhật khóa <b>{ $title }</b>.

## Managing courses (admins)

admin-courses-title = 🗂 <b>Quản lý khóa học</b>
    Chọn một khóa:
admin-export-title = 📥 Chọn khóa học để xuất danh sách học viên:
admin-courses-none = Chưa có khóa học nào sắp diễn ra. Tạo khóa mới bằng /newcourse.
# Variables: $status (string) open, closed or cancelled
course-status = { $status ->
    [open] đang mở đăng ký
    [closed] đã đóng đăng ký
   *[cancelled] đã hủy
}
# Variables: $title, $starts, $ends, $location, $deadline, $status (string); $taken, $capacity, $waiting (number)
admin-course =
    📚 <b>{ $title }</b> ({ $status })
    🗓 { $starts } – { $ends } · 📍 { $location }
    ⏳ Hạn đăng ký: { $deadline }
    👥 Đã đăng ký { $taken }/{ $capacity } chỗ · danh sách chờ: { $waiting } người
# Variables: $code, $enterprise, $contact, $phone (string); $count (number)
admin-course-line = • { $code } · { $enterprise } · { $contact } { $phone } · { $count } người
admin-course-waitlist = <i>Danh sách chờ:</i>
admin-course-empty = Chưa có ai đăng ký.
button-export = 📥 Xuất danh sách (Excel, CSV)
button-attendance = ✅ Điểm danh
button-close = 🔒 Đóng đăng ký
button-open = 🔓 Mở lại đăng ký
button-cancel-course = ❌ Hủy khóa học
button-yes-cancel-course = Có, hủy khóa học
# Variables: $title (string); $registrants (number)
admin-cancel-ask = Hủy khóa <b>{ $title }</b>? { $registrants } đăng ký sẽ nhận được thông báo hủy. Việc này không hoàn tác được.
# Variables: $title (string); $notified (number)
admin-course-cancelled = Đã hủy khóa <b>{ $title }</b> và gửi thông báo cho { $notified } người đăng ký.
# Variables: $title (string); $count (number)
export-caption = Danh sách học viên khóa «{ $title }»: { $count } người.
export-empty = Khóa này chưa có ai đăng ký, chưa có gì để xuất.
# Variables: $title (string); $present, $total, $page, $pages (number)
attendance-title =
    ✅ <b>Điểm danh: { $title }</b>
    Có mặt { $present }/{ $total } · trang { $page }/{ $pages }. Bấm vào tên để đánh dấu có mặt hoặc bỏ đánh dấu.
attendance-empty = Chưa có học viên nào đã xác nhận để điểm danh.
