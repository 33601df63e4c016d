# Messages shared by every part of dmp.

common-lang-name = English
