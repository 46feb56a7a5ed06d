//! AFL++ target: any bytes as a PKCS#12 key file (the seeds' password is
//! `fuzz`). Opening must give a signer or a typed error, never a panic.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = approval_esign::Pkcs12Signer::open(data, "fuzz");
    });
}
