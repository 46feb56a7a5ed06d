//! The extra trusted CA: a hub whose certificate comes from a CA neither
//! the OS nor webpki knows is refused, until that CA's PEM is configured.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use approval_contract::ExchangeError;
use approval_sync::{HubClient, HubConfig};
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::TlsAcceptor;

/// A TLS server on loopback answering every request `200 {}`; the PEM of
/// its CA.
async fn tls_hub() -> (std::net::SocketAddr, String) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "省交换平台测试根 CA");
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    params.distinguished_name.push(DnType::CommonName, "hub");
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, &ca, &ca_key).unwrap();

    // ring, as reqwest's rustls uses (deprecated only for lacking
    // post-quantum key exchange, which a loopback test does not need).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = tls
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                    )
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (addr, ca.pem())
}

#[tokio::test]
async fn a_hub_under_a_private_ca_is_trusted_only_with_that_ca() {
    let (addr, ca_pem) = tls_hub().await;
    let url = format!("https://{addr}");
    let timeouts = (Duration::from_secs(2), Duration::from_secs(5));

    let plain = HubClient::new(HubConfig::new(&url).with_timeouts(timeouts.0, timeouts.1)).unwrap();
    match plain.health().await.unwrap_err() {
        ExchangeError::Unavailable { reason, .. } => {
            assert!(reason.to_lowercase().contains("certificate"), "{reason}")
        }
        other => panic!("{other:?}"),
    }

    let trusting = HubClient::new(
        HubConfig::new(&url)
            .with_timeouts(timeouts.0, timeouts.1)
            .with_extra_ca_pem(ca_pem.into_bytes()),
    )
    .unwrap();
    trusting.health().await.unwrap();
}
