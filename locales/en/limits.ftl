## Abuse limits: the per-user flood limit and over-long questions.

# Sent once when a user sends messages or taps buttons faster than the bot accepts.
flood-slow-down = You are sending messages a little too fast, so I skipped the last few. Please wait a few seconds and send again.
# Sent before the answer when a question was cut to its first characters.
# Variables: $max (number) the most characters a question may have
faq-question-shortened = Your question is longer than { $max } characters, so only its first { $max } characters are used to look for an answer (and to pass it to the Centre if you wish).
