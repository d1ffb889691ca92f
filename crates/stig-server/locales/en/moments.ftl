# Business moments: the list, the builder, a moment's backtest and activity log,
# deliveries, tasks for staff and workspace secrets.

moments-nav = Moments
moments-title = Moments
moments-lead = The moments that matter and what Stig does when they happen: a signed webhook, an email, a survey invitation or a task for staff.
moments-new = New moment
moments-none = No moments yet.
moments-none-hint = Create one: pick what triggers it (an event, a journey milestone, inactivity or a feedback score), who it is for, and what should happen. The backtest shows how often it would have fired before you enable it.
moments-col-moment = Moment
moments-col-when = When
moments-col-actions = Then
moments-col-state = Status
moments-col-fired = Fired
moments-col-last-fired = Last fired
moments-never = Never
moments-only-for = Only for:
moments-enabled = Enabled
moments-disabled = Disabled
moments-disabled-hint = This moment is disabled: it does not fire, but the backtest shows how often it would have.
moments-all = All

moments-status-pending = Pending
moments-status-delivered = Delivered
moments-status-dead = Failed

moments-action-none = No action
moments-action-webhook = Webhook
moments-action-email = Email
moments-action-survey = Survey
moments-action-task = Task

moments-days = { $n ->
    [one] { $count } day
   *[other] { $count } days
}
moments-hours = { $n ->
    [one] { $count } hour
   *[other] { $count } hours
}
moments-minutes = { $n ->
    [one] { $count } minute
   *[other] { $count } minutes
}

moments-place-journey = { $journey }
moments-place-phase = the phase { $phase } of { $journey }
moments-place-step = the step { $step } of { $journey }

moments-sum-event = When { $event } happens
moments-sum-event-where = When { $event } happens with { $where }
moments-sum-enter = When a customer enters { $place }
moments-sum-complete = When a customer completes { $place }
moments-sum-abandon = When a customer abandons { $place }
moments-sum-enter-after = { $offset } after entering { $place }
moments-sum-complete-after = { $offset } after completing { $place }
moments-sum-abandon-after = { $offset } after abandoning { $place }
moments-sum-enter-before = { $offset } before the date in “{ $property }” on entering { $place }
moments-sum-complete-before = { $offset } before the date in “{ $property }” on completing { $place }
moments-sum-abandon-before = { $offset } before the date in “{ $property }” on abandoning { $place }
moments-sum-inactivity = { $n ->
    [one] After { $days } day without activity
   *[other] After { $days } days without activity
}
moments-sum-feedback-at-most = When a { $score } score is { $value } or lower
moments-sum-feedback-at-least = When a { $score } score is { $value } or higher
moments-sum-feedback-between = When a { $score } score is between { $low } and { $high }
moments-sum-feedback-any = When a { $score } score comes in
moments-sum-at-touchpoint = { $text } at { $touchpoint }

moments-milestone-enter = Enters
moments-milestone-complete = Completes
moments-milestone-abandon = Abandons

moments-cond-personas = { $personas }
moments-cond-phases = in { $phases }
moments-cond-channels = via { $channels }

moments-limit-once-per-run = once per journey run
moments-limit-max = { $n ->
    [one] at most once per customer
   *[other] at most { $max } times per customer
}
moments-limit-max-period = { $n ->
    [one] at most once per customer every { $days } days
   *[other] at most { $max } times per customer every { $days } days
}
moments-limit-quiet = quiet from { $from } to { $to } ({ $timezone })
moments-limit-workspace-tz = the workspace's time zone

moments-definition = What it does
moments-who = For whom
moments-everyone = Every customer
moments-limits = Limits
moments-no-limits = None: it fires every time
moments-no-actions = No action yet: it does nothing.
moments-signed-with = signed with the secret “{ $secret }”
moments-to-customer = the customer
moments-email-to = To { $to }
moments-survey-of = Survey invitation for { $touchpoint }

moments-backtest = Backtest
moments-backtest-running = Running the moment over the stored history…
moments-backtest-open = Open the backtest
moments-backtest-no-events = No events stored yet, so there is nothing to backtest.
moments-backtest-summary = Over the history from { $from } to { $to } ({ $events } events), this moment would have fired { $n ->
    [0] no times
    [one] once
   *[other] { $fired } times
}, for { $m ->
    [one] one customer
   *[other] { $customers } customers
}.
moments-backtest-per-week = Firings per week
moments-backtest-per-persona = Per customer type
moments-backtest-samples = Latest customers it would have fired for
moments-persona = Customer type
moments-no-persona = None
moments-customer = Customer
moments-when = When
moments-occurrence = Occurrence

moments-activity = Activity
moments-activity-hint = The newest firings with each action's delivery, updated live. Failed deliveries can be retried.
moments-no-firings = It has not fired yet.
moments-occurred = happened
moments-next-attempt = Next attempt
moments-delivered-at = Delivered
moments-attempts = Attempts
moments-attempts-count = { $n ->
    [one] 1 attempt
   *[other] { $n } attempts
}
moments-attempts-n = { $n ->
    [one] Show 1 attempt
   *[other] Show { $n } attempts
}
moments-attempt-ok = OK
moments-attempt-failed = Failed
moments-retry = Retry now
moments-replayed = Queued again: it will be tried right away.

moments-deliveries-title = Deliveries
moments-deliveries-lead = Every action a moment queued. Failed deliveries were given up on after their retries; retry them when the receiver is fixed.
moments-no-dead = No failed deliveries. Everything got through.
moments-no-deliveries = No deliveries here.
moments-delivery = Action
moments-details = Details

moments-tasks-title = Tasks
moments-tasks-lead = { $n ->
    [0] Follow-ups for staff that moments created. Nothing is open.
    [one] Follow-ups for staff that moments created. One is open.
   *[other] Follow-ups for staff that moments created. { $n } are open.
}
moments-no-tasks = No tasks yet. A moment with a task action creates them.
moments-task = Task
moments-task-open = Open
moments-task-done = Done
moments-assignee = Assigned to
moments-nobody = Nobody
moments-assign = Assign
moments-mark-done = Done
moments-reopen = Reopen
moments-task-assigned = Task assigned.
moments-task-closed = Task done.
moments-task-reopened = Task reopened.

moments-secrets-title = Secrets
moments-secrets-lead = Secrets of this workspace, named by moments' webhooks (to sign them) and mail settings. Only names are shown here.
moments-secrets-never-shown = Values are never shown. To change one, set it again under the same name.
moments-secrets-missing = Moments name secrets that are not set: { $names }. Their webhooks fail until you set them.
moments-no-secrets = No secrets yet.
moments-secret-name = Name
moments-secret-value = Value
moments-secret-changed = Last changed
moments-secret-used-by = Used by
moments-secret-generate = Generate a webhook secret
moments-secret-generate-hint = Stig makes a random signing secret, stores it and shows it once, for the receiving system to verify the signatures.
moments-secret-generated = Secret “{ $name }” generated
moments-secret-copy-now = Copy it now: it will not be shown again.
moments-secret-set = Set a secret
moments-secret-set-hint = Give a value you already have, such as a receiver's shared secret or a mail server password.
moments-secret-saved = Secret “{ $name }” saved.
moments-secret-deleted = Secret “{ $name }” deleted.
moments-secret-delete-confirm = Delete the secret “{ $name }”? Webhooks signed with it fail until it is set again.

moments-profile-title = Moments
moments-profile-none = No moment has fired for this customer.

moments-form-new = New moment
moments-form-edit = Edit moment
moments-form-enabled = Enabled
moments-form-enabled-hint = (only enabled moments fire)
moments-form-when = When
moments-trigger-event = An event happens
moments-trigger-milestone = A journey milestone
moments-trigger-inactivity = The customer goes quiet
moments-trigger-feedback = A feedback score
moments-form-event = Event name
moments-form-where = With these properties
moments-form-where-hint = (one per line: plan = premium)
moments-form-milestone = Milestone
moments-form-journey = Journey
moments-form-phase = Phase
moments-form-step = Step
moments-form-whole-run = The whole journey
moments-form-no-step = No particular step
moments-form-offset = Offset
moments-form-offset-hint = (e.g. 2d, 12h; -3d counts back from a date)
moments-form-date-property = Date property
moments-form-date-property-hint = (for a negative offset, e.g. arrival)
moments-form-days = Days without activity
moments-form-score = Score
moments-form-touchpoint = Touchpoint
moments-form-at-most = At most
moments-form-at-least = At least
moments-form-feedback-hint = NPS runs 0–10 (detractors: at most 6), CSAT 1–5, CES 1–7.
moments-form-any = Any
moments-form-choose = Choose…
moments-form-who = For whom
moments-form-who-hint = Leave a list empty for everyone; ticked entries in a list are alternatives.
moments-form-personas = Customer types
moments-form-phases = Phases
moments-form-channels = Channels
moments-form-traits = Traits
moments-form-traits-hint = (one per line: tier = gold, age >= 30, email exists, phone missing)
moments-form-limits = How often
moments-form-once-per-run = At most once per journey run
moments-form-max-per-customer = At most per customer
moments-form-period-days = Within days
moments-form-period-hint = (empty: ever)
moments-form-quiet-hint = Quiet hours: actions falling inside wait until they end.
moments-form-quiet-from = Quiet from
moments-form-quiet-to = Quiet until
moments-form-clock-hint = (HH:MM)
moments-form-timezone = Time zone
moments-form-timezone-hint = (e.g. Europe/Oslo; empty: the workspace's)
moments-form-then = Then
moments-form-then-hint = Up to three actions; leave a block on “No action” to skip it.
moments-form-action-n = Action { $n }
moments-form-action-kind = Kind
moments-form-url = URL
moments-form-secret = Secret name
moments-form-secret-hint = (a workspace secret)
moments-form-to = To
moments-form-to-hint = (customer, or an email address)
moments-form-subject = Subject
moments-form-body = Text
moments-form-template-hint = Placeholders such as {"{{"} customer.first_name {"}}"} are filled in for each customer.
moments-form-survey-touchpoint = Survey of touchpoint
moments-form-task-title = Title
moments-form-task-body = Details
moments-form-assignee = Assign to

# Switching a moment on after a backtest; email previews and test sends; the tracking plan.
moments-enable = Enable
moments-disable = Disable
moments-enable-without = Enable without a backtest…
moments-now-enabled = The moment is enabled: it acts on what happens from now on.
moments-now-disabled = The moment is disabled: it no longer fires.
moments-enable-found = { $n ->
    [one] Over the stored history this moment would have fired once
   *[other] Over the stored history this moment would have fired { $fired } times
}, for { $m ->
    [one] one customer
   *[other] { $customers } customers
}. Enable it if that is what you expect.
moments-enable-found-none = Over the stored history this moment would never have fired. Check the trigger and conditions before you enable it.
moments-enable-confirm-title = Enable without a backtest?
moments-enable-confirm = “{ $name }” has not been backtested. The backtest shows how often it would have fired over the stored events, and for whom, before it acts on real customers.
moments-enable-see-backtest = See the backtest first
moments-enable-anyway = Enable anyway
moments-form-starts-disabled = New moments start switched off. Save it, look at its backtest, then enable it on its page.
moments-form-event-hint = (pick one the workspace has received, or type a new one)
moments-never-seen = Never seen: no event of this name has arrived in this workspace yet.
moments-never-seen-property = Never seen on this event:
moments-form-pick-property = Property seen on this event…
moments-form-pick-trait = Trait seen on customers…
moments-form-add-condition = Add
moments-form-phases-hint = (grouped by journey; Ctrl or ⌘ to choose several)
moments-tracking-plan = Tracking plan
moments-preview-title = Email preview
moments-preview-lead = Each email as it would go out, once per translation written, for { $customer }.
moments-preview-to = To
moments-preview-no-address = (the customer has no e-mail address)
moments-test-send = Send a test to me
moments-test-hint = A test goes to your own address (your user name) through the workspace's mail server, marked [TEST]. Nothing is recorded as a delivery.
moments-test-sent = Test email sent to { $to }.
moments-test-failed = The test email was not sent: { $why }
moments-task-no-contact = no phone or e-mail in their traits
moments-task-touchpoint = At

moments-plan-title = Tracking plan
moments-plan-lead = Every kind of event this workspace has received, with its properties: pick from these when you build moments and touchpoint signals.
moments-plan-json = As JSON
moments-plan-none = No events have arrived yet.
moments-plan-none-hint = Connect a source to start sending events.
moments-plan-summary = { $n ->
    [one] One event
   *[other] { $events } events
} of { $k ->
    [one] one kind
   *[other] { $kinds } kinds
}.
moments-plan-unlisted = { $count } more events of kinds beyond the first 500 are counted but not listed.
moments-plan-col-event = Event
moments-plan-col-type = Type
moments-plan-col-count = Count
moments-plan-col-first = First seen
moments-plan-col-last = Last seen
moments-plan-col-properties = Properties
moments-plan-col-property = Property
moments-plan-properties-n = { $n ->
    [one] one property
   *[other] { $n } properties
}
moments-plan-unlisted-properties = { $n } more property values beyond the first 200 names were counted but not listed.
moments-plan-how = Counted as events arrive (identify and group calls list their traits). Times are the events' own.

# Consent: every action's purpose, and actions suppressed for lack of consent.
moments-status-suppressed = Suppressed
moments-suppressed-hint = Actions not sent because the customer had not consented to their purpose.
moments-suppressed-why = No consent for { $purpose }: not sent.
moments-backtest-consent = It would have reached { $reached } in full; { $m ->
    [0] no firing
    [one] one firing
   *[other] { $suppressed } firings
} would have had an action suppressed for lack of consent.
moments-form-purpose = Purpose
moments-form-purpose-hint = Service (receipts, booking changes) goes to everyone; every other purpose only to customers who gave that consent. Required for anything that reaches the customer.
moments-purpose-unset = Choose a purpose…
moments-purpose-missing = No purpose
moments-purpose-missing-hint = This action reaches the customer but says not what it is for: it is sent only to customers who consented to marketing.
moments-purpose-service = Service
moments-purpose-marketing = Marketing
moments-purpose-analytics = Analytics
moments-purpose-advertising = Advertising
moments-purpose-functional = Functional
moments-purpose-personalization = Personalisation
moments-purpose-data-sharing = Data sharing
