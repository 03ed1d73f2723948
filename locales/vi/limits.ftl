## Abuse limits: the per-user flood limit and over-long questions.

# Sent once when a user sends messages or taps buttons faster than the bot accepts.
flood-slow-down = Bạn đang gửi hơi nhanh nên mình tạm bỏ qua các tin nhắn vừa rồi. Bạn vui lòng đợi vài giây rồi gửi lại nhé.
# Sent before the answer when a question was cut to its first characters.
# Variables: $max (number) the most characters a question may have
faq-question-shortened = Câu hỏi của bạn dài hơn { $max } ký tự nên mình chỉ dùng { $max } ký tự đầu tiên để tìm câu trả lời (và để chuyển cho Trung tâm nếu bạn muốn).
