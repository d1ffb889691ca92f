# People, not ids: ids made from names, pickers and builders in the forms, customers by
# name and e-mail, a profile's events paged and filtered.

form-id-from-name = Made from the name as you type; change it if you like. It cannot change later without breaking links.
form-per-persona = Per persona ({ $count } set)
form-as-for-all = as for all
form-emotions-hint-pickers = A sense or an intangible, valence −2 to +2; open “Per persona” where one persona feels it differently.
form-options-hint-pickers = Satisfaction per persona from −2 to +2; leave “as for all” where a persona has no view of its own.
form-new-touchpoint-inline = New touchpoint…
form-new-touchpoint-inline-hint = Not in the list? Name it here: it is created and linked to this step when you save. Describe it further on the touchpoints page.
form-signal-builder-hint = The events that show a customer was here: an event name (those seen so far are suggested), a page, and if needed one property and the value it must have.
form-signal-event = Event
form-signal-page = Page
form-signal-property = Property
form-signal-operator = equals
form-signal-equals = =
form-signal-value = Value
form-signals-advanced = Campaigns and several conditions
form-custom-channels = Channels of your own

page-profile-email = E-mail
page-profile-phone = Phone
page-profile-no-events-match = No event matches the filter.
page-profile-events-shown = Events { $first }–{ $last } of { $total }, newest first.
page-profile-newer = Newer
page-profile-older = Older
page-profile-filter-type = Type
page-profile-filter-any = Any
page-profile-filter-name = Event name
page-profile-filter-from = From
page-profile-filter-to = To
