//! The sandbox side of `dmp`: a virtual CPS3 card and a test PKI.
