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
