# One's own account (views/account.rs), new workspaces (views/workspaces.rs) and the
# first-run guide (views/guide.rs).

account-title = Your account
account-link = Account
account-eyebrow = Your account
account-lead = You are signed in with the { $role } role.
account-password-title = Change your password
account-password-lead = After the change you stay signed in here; every other browser where you are signed in is signed out.
account-password-current = Current password
account-password-new = New password
account-password-hint = (at least { $min } characters)
account-password-repeat = New password again
account-password-save = Change password
account-password-too-short = The new password is too short: use at least { $min } characters.
account-password-mismatch = The two new passwords are not the same. Type the same password twice.
account-password-wrong = That is not your current password. Nothing was changed.
account-password-changed = Your password is changed. Other browsers were signed out.
account-tokens-title = API tokens
account-tokens-lead = A token lets a script use the REST API as you, with your role ({ $role }). A token does not expire: revoke it when it is no longer needed.
account-tokens-none = You have no API tokens.
account-token-label = Name
account-token-label-hint = (what it is for, e.g. "nightly export")
account-token-label-needed = Give the token a name of at most 100 characters, so you can tell it apart later.
account-token-fingerprint = Fingerprint
account-token-created-at = Created
account-token-last-used = Last used
account-token-never = never
account-token-revoke = Revoke
account-token-revoked = The token is revoked; requests with it are refused from now on.
account-token-not-found = You have no token with that fingerprint; it may already be revoked.
account-token-new = New token
account-token-scope = The token acts with your role ({ $role }) and does not expire.
account-token-create = Create token
account-token-created = Token “{ $label }” created
account-token-once = Copy it now: Stig keeps only a hash of it, so this is the only time it is shown.
account-token-use = Send it in the Authorization header:

ws-new-link = New workspace…
ws-new-eyebrow = Administration
ws-new-title = New workspace
ws-new-lead = Start empty, from a template, or from journey-as-code files you already have.
ws-new-start = Start from
ws-new-empty = An empty workspace
ws-new-empty-hint = No personas or journeys yet; the guide on its overview shows the way.
ws-new-template = A template
ws-new-template-hint = An example workspace to adapt: its design only, no customers or events.
ws-new-template-counts = { $personas ->
        [one] 1 persona
       *[other] { $personas } personas
    }, { $journeys ->
        [one] 1 journey
       *[other] { $journeys } journeys
    }, { $touchpoints ->
        [one] 1 touchpoint
       *[other] { $touchpoints } touchpoints
    }
ws-new-zip = A journey-as-code zip
ws-new-zip-hint = A zip as “Export” or stig export writes it (stig.toml, personas/, journeys/ …), at most { $mb } MB. It is checked like stig check.
ws-new-name = Name
ws-new-name-hint = (for a template or zip: leave empty to keep its own)
ws-new-id = Id
ws-new-id-hint = (in addresses; made from the name unless you type one)
ws-new-create = Create workspace
ws-new-error-name = An empty workspace needs a name.
ws-new-error-template = Pick one of the templates.
ws-new-error-zip-missing = Choose a zip file to upload.
ws-new-error-zip-invalid = The files in the zip have errors; nothing was created. Fix these and upload again:
ws-new-error-id = “{ $id }” cannot be an id: use lower-case letters, digits, - and _, starting with a letter or digit.
ws-new-error-id-taken = There is already a workspace with the id “{ $id }”. Choose another id.
ws-new-created = Workspace “{ $name }” created.

guide-title = Getting started
guide-lead = From an empty workspace to the first event and the first survey answer. Each step is ticked when the workspace shows it done.
guide-progress = { $done } of { $total } done
guide-done = done
guide-todo = to do
guide-back = Back to the overview
guide-step-workspace = Create the workspace
guide-step-design = Describe a persona and a journey
guide-step-design-text = Who your customers are and the journey they take, step by step, with the touchpoints where you meet them.
guide-new-persona = New persona
guide-new-journey = New journey
guide-or-template = or start from a template
guide-step-source = Add a source of events
guide-step-source-text = A source is a website, an app or a back office that sends events with a write key of its own.
guide-new-source = Add a source
guide-step-event = Receive the first event
guide-step-event-text = Send one event from your website or app; the Connect page has the code to paste.
guide-step-event-count = { $count ->
    [one] One event has arrived.
   *[other] { $count } events have arrived.
}
guide-open-connect = Open the Connect page
guide-waiting-event = Waiting for the first event…
guide-step-survey = Receive the first survey answer
guide-step-survey-text = Stig hosts a short survey page for every touchpoint with a survey. Make a link, open it and answer it to see the answer arrive.
guide-add-survey = Add a survey to a touchpoint
guide-survey-touchpoint = Touchpoint
guide-survey-customer = Customer id
guide-survey-customer-hint = (optional)
guide-survey-mint = Make a survey link
guide-survey-minted = A survey link for customer “{ $customer }”. Open it, answer, then check again:
guide-survey-no-touchpoint = The touchpoint “{ $id }” has no survey.
guide-check-again = Check again

# Deleting a source (views/sources.rs).
source-delete = Delete
source-delete-confirm = Delete the source “{ $name }”? Its write key stops working at once; the events it sent stay.
source-deleted = The source “{ $name }” is deleted; its write key is refused from now on.
