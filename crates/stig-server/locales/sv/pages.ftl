# pages messages (sv). Keys of this file start with `page-`.
