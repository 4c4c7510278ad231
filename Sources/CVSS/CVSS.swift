/// CVSS base scores computed from vectors (v2, v3.0, v3.1, v4.0). Implemented in this module.
public enum CVSS {}
