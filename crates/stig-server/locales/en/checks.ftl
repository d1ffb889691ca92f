# Validator findings (stig_model::validate) in the web app: `check-{message id}`, with the
# arguments each diagnostic carries. Entities are named by their names, not their ids.

check-form-warnings = Worth a second look
check-live-owner-without-actor = A partner or public touchpoint should name the actor behind it.
check-live-mode-channel-mismatch = Physical or digital contradicts the channel: an on-site touchpoint on a digital channel, or the reverse.

check-did-you-mean = (did you mean “{ $suggestion }”?)

check-word-persona = persona
check-word-journey = journey
check-word-touchpoint = touchpoint
check-word-actor = actor
check-word-goal = goal
check-word-dilemma = dilemma
check-word-moment = moment
check-word-phase = phase
check-word-stage = stage
check-word-step = step
check-word-option = option
check-word-own = own
check-word-partner = partner
check-word-public = public
check-word-physical = physical
check-word-digital = digital

check-unknown-reference = Unknown { $what } “{ $value }”.
check-unknown-persona = A per-persona value names a persona that does not exist: “{ $value }”.
check-empty-field = { $field ->
    [name] The name
    [question] The question
    [action] What the customer does
    [text] The evidence text
    [event] The event name
    [secret] The secret's name
    [title] The title
    [trait] The trait name
   *[other] This field
} must not be empty.
check-valence-out-of-range = Valence { $value } is out of range.
check-valence-out-of-range-help = Valence runs from −2 (very negative) through 0 (neutral) to +2 (very positive).
check-channel-looks-misspelled = The custom channel “{ $channel }” looks like the known channel “{ $known }”.
check-channel-looks-misspelled-help = Known channels get an icon on the map and are grouped in reports.
check-unknown-locale = The language “{ $locale }” has no translation; English is used.
check-invalid-id = “{ $id }” is not a valid id for a { $what }.
check-invalid-id-help = Ids are lower-case letters, digits, “-” and “_”, starting with a letter or digit.
check-duplicate-id = Another { $what } already has the id “{ $id }”.
check-duplicate-id-help = Ids must be unique; change one of them.
check-persona-without-loves = { $name } has nothing they love.
check-persona-without-hates = { $name } has nothing they hate.
check-persona-without-loves-or-hates = { $name } has nothing they love or hate.
check-persona-without-loves-help = A customer type is defined by what it loves and hates.
check-persona-without-hates-help = A customer type is defined by what it loves and hates.
check-persona-without-loves-or-hates-help = A customer type is defined by what it loves and hates.
check-demographics-only = { $name } is described by demographics alone.
check-demographics-only-help = Demographic twins can be opposite customer types: describe loves, hates, motivation and needs.
check-owner-actor-mismatch = { $name } is { $owner }, but its actor { $actor } is { $kind }.
check-owner-actor-mismatch-help = Make the owner and the actor's kind agree.
check-owner-without-actor = { $name } is { $owner } but names no actor behind it.
check-owner-without-actor-help = Choose the actor (the partner or public body) that runs it.
check-mode-channel-mismatch = { $name } is { $mode }, but its channel ({ $channel }) says otherwise.
check-mode-channel-mismatch-help = Set physical or digital to what the customer meets, or pick the channel it runs on.
check-unused-touchpoint = { $name } is not used by any step.
check-unused-touchpoint-help = Put it on the steps where it occurs, or remove it.
check-empty-signal = A signal must name an event, a page or a campaign.
check-bad-page-pattern = The page pattern “{ $page }” does not work: { $why }
check-bad-page-pattern-help = A page pattern is a path (/booking/*) or a whole URL; * stays within one part of the path, ** crosses them.
check-missing-as-is = The to-be journey { $name } names an as-is journey that does not exist: “{ $value }”.
check-as-is-on-as-is-journey = { $name } is an as-is journey, so it cannot name an as-is journey of its own.
check-completion-unseen = Runs of { $journey } complete at “{ $step }”, which has no touchpoint, so live data can never show one completed.
check-completion-unseen-help = Complete the journey at a step with a touchpoint, or add a touchpoint to that step.
check-abandon-after-zero = Runs must be given at least 1 day before they count as abandoned.
check-unknown-phase = The stage “{ $stage }” is in a phase { $journey } does not have: “{ $phase }”.
check-stage-without-steps = The stage “{ $stage }” of { $journey } has no steps.
check-stage-without-steps-help = Add its steps or remove the stage.
check-element-both = The emotional element “{ $name }” is either a sense or an intangible, not both.
check-element-neither = The emotional element “{ $name }” names neither a sense nor an intangible.
check-only-functional = “{ $step }” has only functional elements.
check-only-functional-help = Functional elements are entry criteria; emotional elements (senses, intangibles) win customers.
check-no-follow-up = Nothing happens in the { $phase } phase of { $journey }: no follow-up.
check-no-follow-up-help = Customers repeat journeys; a thank-you, a survey or a reason to come back keeps them.
check-phase-without-touchpoint = The { $phase } phase of { $journey } has no touchpoint.
check-phase-without-touchpoint-help = The customer is on their own here; is that a gap or a chance to be there?
check-bad-step-reference = “{ $value }” does not name a journey and a step.
check-goal-cycle = The goal tree goes round in a circle: { $goals }.
check-goal-cycle-help = A goal cannot be its own sub-goal; remove one parent link.
check-dilemma-step-without-journey = A dilemma's step needs its journey.
check-moment-without-action = The moment { $name } has no action, so it does nothing.
check-moment-without-action-help = Add what it should do: a webhook, an e-mail, a survey or a task.
check-milestone-phase-and-step = A milestone is of a phase or of a step, not both.
check-bad-offset = “{ $value }” is not a time offset.
check-offset-before-milestone = “{ $value }” is before the milestone, which has already happened.
check-inactivity-zero = Inactivity of 0 days never ends.
check-score-out-of-scale = { $value } is outside the { $low }–{ $high } scale of this score.
check-feedback-without-threshold = A feedback trigger needs a threshold.
check-condition-tests-nothing = The condition on the trait “{ $trait }” tests nothing.
check-cap-zero = A cap of 0 never fires.
check-cap-zero-help = Disable the moment instead.
check-period-without-cap = A period needs a maximum per customer.
check-bad-clock = “{ $value }” is not a time of day (HH:MM).
check-bad-timezone = “{ $value }” is not a time zone.
check-bad-timezone-help = Use a name such as Europe/Oslo or UTC.
check-bad-url = “{ $value }” is not an http(s) address.
check-bad-recipient = “{ $value }” is neither the customer nor an e-mail address.
check-survey-without-survey = { $name } has no survey to invite to.
check-no-text = The text is missing in every language.
check-unknown-text-locale = Unknown language “{ $locale }”.
check-bad-template = The template does not work: { $why }
check-missing-smtp = This action sends e-mail, but the workspace has no mail server.
check-missing-smtp-help = Set up the mail server in the workspace settings.
check-action-without-purpose = This action reaches the customer but does not say what it is for.
check-action-without-purpose-help = Choose its purpose: “service” is sent to everyone; marketing, analytics and the others only to customers who gave that consent.
