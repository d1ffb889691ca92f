//! Events in the Segment spec (identify, track, page, screen, group, alias).
