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
