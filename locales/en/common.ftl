# Messages shared by every part of dmp.

lang-name = English
