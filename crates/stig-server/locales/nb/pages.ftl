# pages messages (nb). Keys of this file start with `page-`.
