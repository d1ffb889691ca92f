# pages messages (da). Keys of this file start with `page-`.
