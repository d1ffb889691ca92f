# Period presets, comparisons and partial periods on the insight pages.
insight-period = Period
insight-period-all = All time
insight-period-30d = Last 30 days
insight-period-quarter = Last quarter
insight-period-ytd = Year to date
insight-period-custom = Custom (from – to)
insight-period-range-compared = { $period }, compared with { $compared }
insight-compare = Compare with
insight-compare-previous = Previous period
insight-compare-year = Same period last year
insight-change-previous = { $change } vs previous period
insight-change-year = { $change } vs same period last year
insight-change-before = Then: { $value }
insight-partial = partial
insight-partial-how = This month is not over yet: its numbers are so far.
insight-total = Total
insight-net-12 = Net growth, last 12 months
insight-acquired-churned-period = won / lost in the period
insight-net-how = Net growth = won + came back − lost. Every number on this page counts the same way: the tiles are the table's totals, and the chart draws each month of the table.
insight-paths-others = Others: { $paths } paths, { $runs } runs
