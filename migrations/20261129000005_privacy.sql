-- Erasure and purge of personal data (Law 91/2025/QH15 on Personal Data Protection).
--
-- When a user erases their data, or when a finished course's registrations reach the end of
-- their retention period, a registration is kept as an anonymous row so that seat counts and
-- the waitlist stay true: its personal fields are blanked and it is handed to the account
-- below, which stands for "no one". Telegram user ids are positive, so 0 is never a person.
-- The account is blocked, so no reminder, announcement or notice is ever addressed to it.
INSERT INTO users (user_id, chat_id, lang, first_name, last_name, username, blocked, first_seen, last_seen)
VALUES (0, 0, 'vi', '', NULL, NULL, 1, 0, 0)
ON CONFLICT (user_id) DO NOTHING;

-- "One active registration per user and course" is about people: any number of anonymous
-- registrations may share a course.
DROP INDEX registrations_one_active;
CREATE UNIQUE INDEX registrations_one_active ON registrations (course_id, user_id)
    WHERE status <> 'cancelled' AND user_id <> 0;
