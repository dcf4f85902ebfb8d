//! The webhook sender (`apigen_runtime::webhooks::Sender`) against a stub
//! receiver on 127.0.0.1: what it sends verifies with `verify`, and it retries
//! 5xx answers, timeouts and refused connections with backoff, not 4xx ones.

mod support;

use std::time::Duration;

use apigen_runtime::client::retry::Retry;
use apigen_runtime::webhooks::{verify, Delivery, Options, Sender, Subscription};
use serde_json::json;
use support::{bounded, header, requests, server};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "whsec_orders";

fn fast() -> Sender {
    let retry = Retry { max_retries: 2, initial_backoff: Duration::from_millis(5), max_backoff: Duration::from_millis(20), max_retry_after: Duration::from_secs(1) };
    Sender::default().retry(retry)
}

fn subscription(url: String) -> Subscription {
    Subscription { url, secret: SECRET.to_string() }
}

/// Answers the first `failures` requests with `failure`, the rest with 200.
async fn fail_then(server: &MockServer, failures: u64, failure: ResponseTemplate) {
    Mock::given(wiremock::matchers::any()).respond_with(failure).up_to_n_times(failures).mount(server).await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(200)).mount(server).await;
}

#[tokio::test]
async fn a_503_is_retried_and_both_attempts_carry_the_same_verifiable_delivery() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 1, ResponseTemplate::new(503)).await;

        let outcome = fast().deliver(&subscription(server.uri()), "order.created", &json!({"id": 7})).await.unwrap();

        assert!(matches!(outcome.result, Delivery::Delivered { status: 200 }), "{outcome:?}");
        assert_eq!(outcome.attempts, 2);
        let got = requests(&server).await;
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].body, got[1].body, "a retry sends the same signed body");
        for request in &got {
            assert_eq!(request.method.as_str(), "POST");
            assert_eq!(header(request, "content-type"), Some("application/json"));
            assert_eq!(header(request, "x-hub-event-id"), Some(outcome.event_id.as_str()));
            assert_eq!(header(request, "x-hub-event-type"), Some("order.created"));
            assert_eq!(header(request, "x-hub-delivery"), Some(outcome.delivery_id.as_str()));
            assert!(header(request, "x-hub-signature").is_some_and(|s| s.starts_with("sha256=") && s.len() == 71));
            let verified = verify(&request.headers, &request.body, SECRET, &Options::default()).unwrap();
            assert_eq!(verified.envelope.event_id, outcome.event_id);
            assert_eq!(verified.envelope.event_type, "order.created");
            assert_eq!(verified.envelope.payload, json!({"id": 7}));
            assert_eq!(verified.delivery.as_deref(), Some(outcome.delivery_id.as_str()));
            assert!(verify(&request.headers, &request.body, "another secret", &Options::default()).is_err());
        }
    })
    .await;
}

#[tokio::test]
async fn a_4xx_is_not_retried_and_5xx_stop_when_the_retries_run_out() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 10, ResponseTemplate::new(410)).await;
        let outcome = fast().deliver(&subscription(server.uri()), "order.created", &json!({})).await.unwrap();
        assert!(matches!(outcome.result, Delivery::Refused { status: 410 }), "{outcome:?}");
        assert_eq!(outcome.attempts, 1);

        let server = self::server().await;
        fail_then(&server, 10, ResponseTemplate::new(500)).await;
        let outcome = fast().deliver(&subscription(server.uri()), "order.created", &json!({})).await.unwrap();
        assert!(matches!(outcome.result, Delivery::Refused { status: 500 }), "{outcome:?}");
        assert_eq!(outcome.attempts, 3, "the first attempt and 2 retries");
        assert_eq!(requests(&server).await.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn a_timeout_is_retried() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 1, ResponseTemplate::new(200).set_delay(Duration::from_secs(5))).await;
        let outcome = fast().timeout(Duration::from_millis(300)).deliver(&subscription(server.uri()), "order.created", &json!({})).await.unwrap();
        assert!(matches!(outcome.result, Delivery::Delivered { status: 200 }), "{outcome:?}");
        assert_eq!(outcome.attempts, 2);
    })
    .await;
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_unreachable() {
    bounded(async {
        // A port nothing listens on any more.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let outcome = fast().deliver(&subscription(format!("http://127.0.0.1:{port}/hooks")), "order.created", &json!({})).await.unwrap();
        assert!(matches!(&outcome.result, Delivery::Unreachable(e) if e.is_connect()), "{outcome:?}");
        assert_eq!(outcome.attempts, 3);
        assert!(!outcome.is_delivered());
    })
    .await;
}

#[tokio::test]
async fn a_signed_timestamp_header_is_sent_when_the_options_name_one() {
    bounded(async {
        let server = server().await;
        Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(200)).mount(&server).await;
        let options = Options { timestamp_header: Some(http::HeaderName::from_static("x-hub-timestamp")), ..Options::default() };
        let outcome = fast().options(options.clone()).deliver(&subscription(server.uri()), "order.shipped", &json!({"id": 1})).await.unwrap();
        assert!(outcome.is_delivered(), "{outcome:?}");
        let got = requests(&server).await;
        assert!(header(&got[0], "x-hub-timestamp").is_some_and(|t| t.parse::<u64>().is_ok()));
        verify(&got[0].headers, &got[0].body, SECRET, &options).unwrap();
        // Signed as `{timestamp}.{body}`: the default scheme (body alone) does not match it.
        assert!(verify(&got[0].headers, &got[0].body, SECRET, &Options::default()).is_err());
    })
    .await;
}
