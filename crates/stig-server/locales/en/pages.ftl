# pages messages (en). Keys of this file start with `page-`.

## Shared words
page-breadcrumbs = Breadcrumbs
page-phase = Phase
page-step = Step
page-steps = Steps
page-touchpoint = Touchpoint
page-touchpoints = Touchpoints
page-channel = Channel
page-channels = Channels
page-mode = Physical or digital
page-owner = Owner
page-discipline = Discipline
page-survey = Survey
page-actor = Actor
page-actors = Actors
page-actor-kind = Kind
page-goals = Goals
page-used-in = Used in
page-pain-points = Pain points
page-opportunities = Opportunities
page-evidence = Evidence
page-emotional-elements = Emotional elements
page-functional-elements = Functional elements
page-designed-emotion = Designed emotion
page-sense = Sense
page-intangible = Intangible
page-steps-count = { $count ->
    [one] { $count } step
   *[other] { $count } steps
}
page-state-as-is = As-is
page-state-to-be = To-be

page-owner-own = Own
page-owner-partner = Partner
page-owner-public = Public
page-mode-physical = Physical
page-mode-digital = Digital
page-discipline-create = Create
page-discipline-communicate = Communicate
page-discipline-deliver = Deliver
page-survey-nps = NPS
page-survey-csat = CSAT
page-survey-ces = CES
page-sense-see = Sight
page-sense-hear = Hearing
page-sense-smell = Smell
page-sense-taste = Taste
page-sense-touch = Touch
page-evidence-quote = Quote
page-evidence-observation = Observation
page-evidence-interview = Interview

page-channel-web = Web
page-channel-app = App
page-channel-email = Email
page-channel-sms = SMS
page-channel-chat = Chat
page-channel-phone = Phone
page-channel-social = Social media
page-channel-advertising = Advertising
page-channel-print = Print
page-channel-letter = Letter
page-channel-invoice = Invoice
page-channel-store = Store
page-channel-on-site = On site
page-channel-event = Event
page-channel-kiosk = Kiosk
page-channel-signage = Signage
page-channel-transport = Transport
page-channel-word-of-mouth = Word of mouth

## Overview
page-overview-eyebrow = Workspace overview
page-overview-brand-promise = Brand promise
page-overview-counts = The workspace in numbers
page-overview-export = Download as files
page-overview-all-personas = All personas
page-overview-all-journeys = All journeys
page-count-personas = Personas
page-count-journeys = Journeys
page-count-steps = Steps
page-count-touchpoints = Touchpoints
page-count-actors = Actors
page-count-goals = Goals
page-count-dilemmas = Dilemmas
page-matrix-title = Touchpoints by phase and owner
page-matrix-lead = Who meets the customer in each phase, across all journeys. An empty cell is a gap worth a look.
page-matrix-gap = No touchpoint
page-diagnostics-title = Checks
page-diagnostics-none = No warnings or errors: the workspace is consistent.
page-diagnostics-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
page-diagnostics-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
page-diagnostic-error = Error
page-diagnostic-warning = Warning

## Personas
page-personas-lead = Customer types, defined by what they love and hate – not by age or postcode.
page-personas-new = New persona
page-personas-empty = No personas yet.
page-persona-loves = Loves
page-persona-hates = Hates
page-persona-motivation = Motivation
page-persona-real-motive = Real motive
page-persona-companions = Travels with
page-persona-needs = Needs
page-persona-dreams = Dreams
page-persona-none = Nothing recorded yet.
page-persona-open = View persona
page-persona-journeys-count = { $count ->
    [0] Not in any journey yet
    [one] In { $count } journey
   *[other] In { $count } journeys
}
page-persona-demographics = Demographics
page-persona-demographics-note = Not what defines them: two customers with the same age, home and income can be opposite customer types. Shown for reference only.
page-persona-demographics-none = No demographics recorded.
page-demo-age = Age
page-demo-gender = Gender
page-demo-home = Home
page-demo-household = Household
page-demo-occupation = Occupation
page-demo-income = Income
page-persona-journeys = Journeys drawn for this persona
page-persona-no-journeys = No journey is drawn for this persona yet.
page-persona-open-map = Open the map
page-persona-step-table = Step by step
page-persona-dilemmas = How our dilemmas land
page-sparkline-title = Designed emotion per step for { $persona } in { $journey }

## Journeys
page-journeys-lead = Each journey from before to after, as it is today or as it should be.
page-journeys-new = New journey
page-journeys-empty = No journeys yet.
page-journey-goal = Goal
page-journey-improves-on = Improves on:
page-journey-improved-in = Improved in:
page-journey-phases = Phases
page-journey-open-map = Open the map
page-journey-new-step = New step
page-journey-curves-for = Emotion curves for
page-journey-show = Show
page-journey-download = Download the map:
page-journey-map-label = Journey map – scroll sideways to see every step
page-journey-steps = All steps
page-journey-no-steps = This journey has no steps yet.
page-step-details = Step details
page-step-panel-empty-title = Pick a step
page-step-panel-empty = Click a step on the map, or in the list below, to see its touchpoints, emotions, pain points and evidence here.
page-step-close = Close the step details
page-step-sub-goal = Sub-goal
page-step-no-touchpoints = No touchpoint in this step.
page-step-no-emotions = No emotional elements yet: this step meets needs but wins no hearts.

## Touchpoints
page-touchpoints-lead = Every place the customer meets us, a partner or a public actor, and where it is used.
page-touchpoints-new = New touchpoint
page-touchpoints-showing = Showing { $shown } of { $total } touchpoints
page-touchpoints-none = No touchpoint matches this filter.
page-touchpoints-unused = Not used in any step
page-filter-any-phase = All phases
page-filter-any-channel = All channels
page-filter-any-owner = All owners
page-filter-any-mode = Physical and digital
page-filter-any-discipline = All disciplines
page-filter-apply = Filter
page-filter-reset = Clear filters

## Goals and actors
page-goals-lead = What the customer is really trying to reach, who else is involved, and where customers get stuck.
page-goals-new = New goal
page-goals-tree = The customer's goals
page-goals-empty = No goals yet.
page-actors-new = New actor
page-actors-network = Actors around the customer
page-actors-network-lead = Our own units, partners and public actors the customer meets on the journeys, with the touchpoints and steps they share.
page-actors-empty = No actors yet.
page-network-customer = Customer
page-network-personas = { $count ->
    [one] { $count } persona
   *[other] { $count } personas
}
page-network-touchpoints = { $count ->
    [0] no touchpoint
    [one] { $count } touchpoint
   *[other] { $count } touchpoints
}
page-network-steps = { $count ->
    [one] { $count } step
   *[other] { $count } steps
}
page-network-own-channels = Our own channels
page-network-own-channels-note = Our touchpoints that name no actor.
page-network-legend-width = Thicker line: more shared steps
page-network-legend-dashed = Dashed: involved, without a touchpoint of its own

## Dilemmas
page-dilemmas-lead = Choices that trade customer satisfaction against cost and the climate.
page-dilemmas-new = New dilemma
page-dilemmas-empty = No dilemmas yet.
page-dilemma-option = Option
page-dilemma-satisfaction = Effect on satisfaction (−2 to +2)
page-dilemma-mean = Mean satisfaction
page-dilemma-cost = Cost
page-dilemma-co2e = CO₂e
page-dilemma-notes = Notes
page-dilemma-chosen = Chosen
page-dilemma-pareto = Pareto-optimal
page-dilemma-pareto-help = No other option is at least as good on satisfaction, cost and CO₂e and better on one of them.
page-dilemma-dominated = Dominated
page-dilemma-dominated-help = Another option is at least as good on satisfaction, cost and CO₂e, and better on one of them.
page-dilemma-decision = Decision
page-dilemma-open = Not decided yet
page-dilemma-no-options = No options yet.
page-dilemma-better = better: more satisfied, cheaper
page-dilemma-bubble = Bubble size: CO₂e
page-dilemma-chart-title = Trade-off: { $question }
page-dilemma-chart-caption = Each option by cost (across) and mean satisfaction (up); the bigger the bubble, the more CO₂e.

## Errors and login
page-error-400 = The request could not be understood
page-error-401 = Please log in
page-error-403 = Not allowed
page-error-404 = Page not found
page-error-409 = Changed by someone else
page-error-500 = Something went wrong
page-error-other = Something went wrong
page-error-home = Back to the start
page-login-lead = Map, measure and improve your customers’ journeys.

## Live data: customers, profiles, sources, the event debugger
page-customers-title = Customers
page-customers-lead = Who the events show, and how their journeys go. Built from { $events } events, kept up to date as new ones arrive.
page-customers-none = No events yet, so no customers.
page-customers-none-action = Create a source and send events to it →
page-customers-total = customers
page-customers-identified = identified
page-customers-feedback = answers
page-customers-runs = Journey runs
page-customers-journey = Journey
page-customers-runs-total = Runs
page-customers-completion-rate = Completion rate
page-customers-runs-hint = A run is one customer's pass through an as-is journey, from the touchpoints their events match. It is abandoned after the journey's days without a touchpoint; completed when it reaches the journey's completing step.
page-customers-search = Id, name or e-mail
page-customers-no-match = No customer matches.
page-customers-customer = Customer
page-customers-status = Status
page-customers-first-seen = First seen
page-customers-last-seen = Last seen
page-customers-events = Events
page-customers-page = Page { $page } of { $pages }
page-life-active = Active
page-life-churned = Churned
page-life-prospect = Prospect
page-life-active-plural = active
page-life-churned-plural = churned
page-life-prospect-plural = prospects
page-run-active = Active
page-run-completed = Completed
page-run-abandoned = Abandoned
page-profile-identity = Identity
page-profile-user-ids = User ids
page-profile-anonymous = anonymous
page-profile-anonymous-ids = Anonymous ids
page-profile-traits = Traits
page-profile-no-traits = No traits yet.
page-profile-trait-history = History of changes
page-profile-lifecycle = Lifecycle
page-profile-no-lifecycle = Not acquired yet: no journey run and no purchase.
page-profile-runs = Journey runs
page-profile-no-runs = No event of this customer matches a touchpoint of an as-is journey yet.
page-profile-run = Run
page-profile-started = Started
page-profile-last = Last touchpoint
page-profile-where = Where
page-profile-hits = Touchpoints
page-profile-map-hint = The run drawn on the journey map: the touchpoints hit, in order.
page-profile-feedback = Feedback
page-profile-no-feedback = No feedback yet.
page-profile-when = When
page-profile-touchpoint = Touchpoint
page-profile-score = Score
page-profile-comment = Comment
page-profile-timeline = Events
page-profile-no-events = No events.
page-profile-timeline-hint = The newest { $shown } events, newest first.
page-profile-acquired = Acquired by { $via }
page-profile-churned-event = Churned: { $event }
page-profile-churned-silent = Churned: no event for too long
page-profile-reactivated = Came back
page-sources-title = Sources
page-sources-lead = Each website, app or back office that sends events has a write key of its own. Send Segment calls (identify, track, page, screen, group, alias, batch) to /v1/ with the key.
page-sources-created = Source “{ $name }” created
page-sources-key-once = Its write key, shown only now (Stig keeps only a hash). Copy it into the SDK's configuration.
page-sources-none = No sources yet.
page-sources-name = Name
page-sources-name-example = e.g. Website
page-sources-created-at = Created
page-sources-events = Events
page-sources-refused = Refused
page-sources-last-event = Last event
page-sources-never = never
page-sources-unknown-keys = { $count } requests since the server started had no write key or an unknown one.
page-sources-new = New source
page-sources-create = Create source
page-sources-howto = Sending events
page-sources-howto-lead = Any Segment SDK works: point its host at this server. Or call the HTTP API directly:
page-debugger-title = Event debugger
page-debugger-open = Debugger
page-debugger-lead = The newest events as they arrive, and the requests that were refused with the reason. Refreshes every 2 seconds.
page-debugger-source = Source
page-debugger-all-sources = All sources
page-debugger-imported = imported
page-debugger-events = Events
page-debugger-live = live
page-debugger-no-events = No events yet.
page-debugger-refused = Refused requests
page-debugger-no-refused = Nothing refused.

page-profile-consent = Consent
page-profile-no-consent = No consent stated yet: only service messages reach this customer.
page-profile-consent-category = Category
page-profile-consent-state = State
page-profile-consent-since = Since
page-profile-consent-history = History of consent
page-profile-consent-granted = Granted
page-profile-consent-denied = Not granted
page-profile-consent-via-context = consent manager, { $event }
page-profile-consent-via-trait = consent trait, { $event }

## Personal data on a customer's profile (admins)
page-profile-privacy = Personal data
page-profile-export = Download everything about this person (JSON)
page-profile-erase = Erase this person…
page-profile-erase-help = Deletes every event, answer, trait, moment firing and task of this person and of every id stitched to theirs, for good, and scrubs them from the database files. A receipt without their data goes to the audit log.
page-profile-erase-confirm = Type their id to confirm:
page-profile-erase-suppress = Also refuse events that name them later
page-profile-erase-button = Erase for good
page-profile-erase-mismatch = The id you typed does not match this person; nothing was erased.
page-profile-erased = The person was erased. The receipt is in the audit log.
