//! The card's file system: DFs and transparent EFs, lookups by file id, path, AID and short
//! file id, and the FCP templates SELECT returns.
//!
//! The layout is the CPS3 one where public traces show it (MF, EF.ATR, EF.DIR, EF.SN.ICC,
//! the two application DFs, ODF 5031, TokenInfo 5032, probe 7001); the ids of the PKCS#15
//! directory files and certificate EFs are ours and are only reachable through the ODF.

use crate::der;

/// File ids of the layout.
pub mod fid {
    pub const MF: u16 = 0x3F00;
    pub const EF_ATR: u16 = 0x2F01;
    pub const EF_DIR: u16 = 0x2F00;
    pub const EF_SN_ICC: u16 = 0xD003;
    pub const DF_IAS: u16 = 0x0001;
    pub const DF_IAS_CL: u16 = 0x0002;
    pub const ODF: u16 = 0x5031;
    pub const TOKEN_INFO: u16 = 0x5032;
    pub const PROBE: u16 = 0x7001;
    /// Invented (see CARD.md): found through the ODF.
    pub const PRKDF: u16 = 0x6002;
    pub const CDF: u16 = 0x6004;
    pub const AODF: u16 = 0x6008;
    /// Invented: found through the CDF.
    pub const CERT_SIGN: u16 = 0xC001;
    pub const CERT_AUTH: u16 = 0xC002;
    /// Invented: found through the ODF.
    pub const DODF: u16 = 0x6007;
    /// Invented (the reference does not give it): found through the DODF.
    pub const INFO_PS: u16 = 0xD110;
    /// The first activity ("situation d'exercice") file; the n-th (1-based) is
    /// `ACTIVITY_FIRST + n - 1`, up to D12F (the ANS Cryptolib's card-cps3.c list).
    pub const ACTIVITY_FIRST: u16 = 0xD120;
}

/// Short file ids of the MF's EFs.
pub mod sfi {
    pub const EF_ATR: u8 = 0x1D;
    pub const EF_DIR: u8 = 0x1E;
    pub const EF_SN_ICC: u8 = 0x1C;
}

/// Index of a node in the file system (0 is the MF).
pub type NodeId = usize;

pub const MF: NodeId = 0;

#[derive(Debug, Clone)]
enum Kind {
    Df {
        aid: Option<Vec<u8>>,
    },
    Ef {
        data: Vec<u8>,
        sfi: Option<u8>,
        /// READ BINARY only once the PIN is verified.
        private: bool,
    },
}

#[derive(Debug, Clone)]
struct Node {
    fid: u16,
    parent: Option<NodeId>,
    children: Vec<NodeId>,
    kind: Kind,
}

/// IAS-ECC compact access rules of a public EF, as in the real EF.SN.ICC FCP: every
/// operation "never" but READ BINARY "always", for the contact (8C) and contactless (9C)
/// interfaces.
/// Access rules of a DF (delete, activate, deactivate, create: never). Invented: IAS-ECC
/// readers (OpenSC's iasecc driver) refuse a DF FCP without them.
const DF_ACL: [u8; 11] = [
    0xA1, 0x09, 0x8C, 0x07, 0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
];

const PUBLIC_EF_ACL: [u8; 20] = [
    0xA1, 0x12, 0x8C, 0x07, 0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x9C, 0x07, 0x7B, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0x00,
];

/// The same for an EF read after the PIN (SCB `12`: user authentication, invented like the
/// keys' SCBs), contact interface only.
const PRIVATE_EF_ACL: [u8; 20] = [
    0xA1, 0x12, 0x8C, 0x07, 0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x12, 0x9C, 0x07, 0x7B, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF,
];

/// Life cycle status: operational, activated.
const LCS_ACTIVATED: [u8; 3] = [0x8A, 0x01, 0x05];

/// A tree of DFs and transparent EFs.
#[derive(Debug, Clone)]
pub struct FileSystem {
    nodes: Vec<Node>,
}

impl Default for FileSystem {
    fn default() -> Self {
        FileSystem::new()
    }
}

impl FileSystem {
    /// A file system holding only the MF.
    pub fn new() -> FileSystem {
        FileSystem {
            nodes: vec![Node {
                fid: fid::MF,
                parent: None,
                children: Vec::new(),
                kind: Kind::Df { aid: None },
            }],
        }
    }

    fn add(&mut self, parent: NodeId, fid: u16, kind: Kind) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            fid,
            parent: Some(parent),
            children: Vec::new(),
            kind,
        });
        self.nodes[parent].children.push(id);
        id
    }

    /// Adds a DF under `parent`.
    pub fn add_df(&mut self, parent: NodeId, fid: u16, aid: Option<&[u8]>) -> NodeId {
        self.add(
            parent,
            fid,
            Kind::Df {
                aid: aid.map(<[u8]>::to_vec),
            },
        )
    }

    /// Adds a transparent EF under `parent`.
    pub fn add_ef(&mut self, parent: NodeId, fid: u16, sfi: Option<u8>, data: Vec<u8>) -> NodeId {
        self.add(
            parent,
            fid,
            Kind::Ef {
                data,
                sfi,
                private: false,
            },
        )
    }

    /// Adds a transparent EF under `parent` that READ BINARY reads only after the PIN.
    pub fn add_private_ef(&mut self, parent: NodeId, fid: u16, data: Vec<u8>) -> NodeId {
        self.add(
            parent,
            fid,
            Kind::Ef {
                data,
                sfi: None,
                private: true,
            },
        )
    }

    /// Whether READ BINARY of this EF needs the PIN.
    pub fn is_private(&self, node: NodeId) -> bool {
        matches!(self.nodes[node].kind, Kind::Ef { private: true, .. })
    }

    /// Replaces an EF's content (a card generation whose file differs from the CPS3's).
    pub fn set_data(&mut self, node: NodeId, content: Vec<u8>) {
        if let Kind::Ef { data, .. } = &mut self.nodes[node].kind {
            *data = content;
        }
    }

    pub fn is_df(&self, node: NodeId) -> bool {
        matches!(self.nodes[node].kind, Kind::Df { .. })
    }

    /// Content of an EF (`None` for a DF).
    pub fn data(&self, node: NodeId) -> Option<&[u8]> {
        match &self.nodes[node].kind {
            Kind::Ef { data, .. } => Some(data),
            Kind::Df { .. } => None,
        }
    }

    /// The DF holding `node` (the node itself for a DF).
    pub fn df_of(&self, node: NodeId) -> NodeId {
        if self.is_df(node) {
            node
        } else {
            self.nodes[node].parent.unwrap_or(MF)
        }
    }

    /// Child of `df` with this file id.
    pub fn child(&self, df: NodeId, fid: u16) -> Option<NodeId> {
        self.nodes[df]
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].fid == fid)
    }

    /// EF of `df` with this short file id.
    pub fn by_sfi(&self, df: NodeId, sfi: u8) -> Option<NodeId> {
        self.nodes[df]
            .children
            .iter()
            .copied()
            .find(|&c| matches!(self.nodes[c].kind, Kind::Ef { sfi: Some(s), .. } if s == sfi))
    }

    /// DF whose name (AID) is exactly `aid`.
    pub fn by_aid(&self, aid: &[u8]) -> Option<NodeId> {
        (0..self.nodes.len())
            .find(|&n| matches!(&self.nodes[n].kind, Kind::Df { aid: Some(a) } if a == aid))
    }

    /// Follows `path` (file ids) from `start`; every step but the last must be a DF.
    pub fn walk(&self, start: NodeId, path: &[u16]) -> Option<NodeId> {
        let mut node = start;
        for &fid in path {
            if !self.is_df(node) {
                return None;
            }
            node = self.child(node, fid)?;
        }
        Some(node)
    }

    /// FCP template returned by SELECT with P2=04. For an EF:
    /// `62 { 80 size, 82 01 01, 83 fid, [88 SFI<<3], A1 ACL, 8A 05 }` (the real EF.SN.ICC
    /// layout); for a DF: `62 { 82 01 38, 83 fid, [84 AID], A1 ACL, 8A 05 }`.
    pub fn fcp(&self, node: NodeId) -> Vec<u8> {
        let n = &self.nodes[node];
        let fid = der::tlv(0x83, &n.fid.to_be_bytes());
        let content = match &n.kind {
            Kind::Ef { data, sfi, private } => {
                let acl = if *private {
                    &PRIVATE_EF_ACL
                } else {
                    &PUBLIC_EF_ACL
                };
                let size = u16::try_from(data.len()).unwrap_or(u16::MAX);
                let sfi = sfi.map(|s| der::tlv(0x88, &[s << 3])).unwrap_or_default();
                [
                    &der::tlv(0x80, &size.to_be_bytes())[..],
                    &[0x82, 0x01, 0x01],
                    &fid,
                    &sfi,
                    acl,
                    &LCS_ACTIVATED,
                ]
                .concat()
            }
            Kind::Df { aid } => {
                let name = aid.as_ref().map(|a| der::tlv(0x84, a)).unwrap_or_default();
                [
                    &[0x82, 0x01, 0x38][..],
                    &fid,
                    &name,
                    &DF_ACL,
                    &LCS_ACTIVATED,
                ]
                .concat()
            }
        };
        der::tlv(0x62, &content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_and_fcp() {
        let mut fs = FileSystem::new();
        let sn = fs.add_ef(MF, fid::EF_SN_ICC, Some(sfi::EF_SN_ICC), vec![0; 12]);
        let app = fs.add_df(MF, fid::DF_IAS, Some(&[0xE8, 0x28]));
        let odf = fs.add_ef(app, fid::ODF, None, vec![1, 2, 3]);
        assert_eq!(fs.walk(MF, &[0x0001, 0x5031]), Some(odf));
        assert_eq!(fs.walk(MF, &[0xD003, 0x5031]), None);
        assert_eq!(fs.by_sfi(MF, 0x1C), Some(sn));
        assert_eq!(fs.by_aid(&[0xE8, 0x28]), Some(app));
        assert_eq!(fs.df_of(odf), app);
        // Byte for byte the FCP of a real CPS3's EF.SN.ICC.
        assert_eq!(
            hex::encode_upper(fs.fcp(sn)),
            "62258002000C8201018302D0038801E0A1128C077BFFFFFFFFFF009C077BFFFFFFFFFF008A0105"
        );
    }
}
