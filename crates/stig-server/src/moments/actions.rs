//! What an occurrence queues: one outbox delivery per action of its moment.
