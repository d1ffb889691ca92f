# pages messages (fi). Keys of this file start with `page-`.
