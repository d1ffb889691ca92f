# pages messages (en). Keys of this file start with `page-`.
