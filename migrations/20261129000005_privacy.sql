-- Erasure and purge of personal data (Law 91/2025/QH15 on Personal Data Protection).
--
-- When a user erases their data, or when a finished course's registrations reach the end of
-- their retention period, a registration is kept as an anonymous row so that seat counts and
-- the waitlist stay true: its personal fields are blanked and it is handed to user id 0, which
-- stands for "no one" (Telegram user ids are positive). That users row is created, blocked and
-- nameless, by the first erasure or purge that needs it (db::privacy), so nothing is ever
-- addressed to it.
--
-- "One active registration per user and course" is about people: any number of anonymous
-- registrations may share a course.
DROP INDEX registrations_one_active;
CREATE UNIQUE INDEX registrations_one_active ON registrations (course_id, user_id)
    WHERE status <> 'cancelled' AND user_id <> 0;
