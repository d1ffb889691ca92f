# Survey pages (English): the public page a customer answers a touchpoint's question on.
survey-title = Your feedback
survey-powered-by = Survey by Stig
survey-nps-low = Not at all likely
survey-nps-high = Extremely likely
survey-csat-low = Very dissatisfied
survey-csat-high = Very satisfied
survey-ces-low = Very difficult
survey-ces-high = Very easy
survey-comment = Anything you would like to add?
survey-optional = (optional)
survey-submit = Send my answer
survey-expires = This link works until { $date }: survey links expire { $days } days after they are sent.
survey-error-score = Please choose a number from { $low } to { $high }.
survey-error-comment = The comment is too long: at most { $max } characters, please.
survey-thanks-title = Thank you!
survey-thanks-body = Your answer has been received. You can close this page now.
survey-answered-title = Already answered
survey-answered-body = This survey has already been answered – thank you. Each link can be answered once.
survey-invalid-title = This link does not work
survey-invalid-body = The survey link is incomplete or has been changed. Please open it again from the message you received, exactly as it was sent.
survey-expired-title = This link has expired
survey-expired-body = Survey links can be answered for { $days } days after they are sent, and this one is older than that.
survey-gone-title = This survey is closed
survey-gone-body = The question this link leads to is no longer asked. Thank you for wanting to answer.
survey-busy-title = Just a moment
survey-busy-body = We received many requests from your connection in a short time. Please wait a minute and try again.
survey-failed-title = Something went wrong
survey-failed-body = We could not handle your answer just now. Please try again in a little while.

# The invitation a business moment emails (plain text).
survey-invite-subject = How was { $touchpoint }?
survey-invite-body =
    Hello! You recently met { $touchpoint } at { $workspace }. Would you tell us how it went? It takes half a minute:

    { $link }

    The link is yours alone and works for 90 days.
