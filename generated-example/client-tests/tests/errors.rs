//! Typed errors: an error status carries the status, the decoded error body
//! and the request id; bodies that do not decode are reported as such.

mod support;

use orders_client::Error;
use serde_json::json;
use support::{bounded, error_body, header, requests, server, uuid};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn an_error_status_carries_status_body_and_the_response_request_id() {
    bounded(async {
        let server = server().await;
        let request_id = uuid(42);
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(404)
                    .insert_header("X-Request-ID", request_id.as_str())
                    .set_body_json(error_body("ORDER_NOT_FOUND", "No order with this id", &request_id)),
            )
            .mount(&server)
            .await;
        let client = orders_client::Client::builder().base_url(server.uri()).bearer_token("t").build().unwrap();

        let err = client.orders().get_order(uuid(1).parse().unwrap()).await.unwrap_err();
        let Error::Api { status, body, request_id: got_id, content } = &err else {
            panic!("expected Error::Api, got {err:?}")
        };
        assert_eq!(*status, 404);
        assert_eq!(got_id.as_deref(), Some(request_id.as_str()));
        let body = body.as_deref().expect("the error body decodes as the spec's Error schema");
        assert_eq!(body.code, "ORDER_NOT_FOUND");
        assert_eq!(body.message, "No order with this id");
        assert_eq!(body.details[0].field, "id");
        assert_eq!(body.request_id.to_string(), request_id);
        assert!(content.contains("ORDER_NOT_FOUND"));
        assert_eq!(err.status(), Some(404));
        assert_eq!(err.request_id(), Some(request_id.as_str()));
        assert!(err.to_string().contains(&format!("404 (request id {request_id})")), "{err}");
        assert_eq!(requests(&server).await.len(), 1, "a 404 is not retried");
    })
    .await;
}

#[tokio::test]
async fn without_a_request_id_in_the_answer_the_sent_one_is_reported() {
    bounded(async {
        let server = server().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(422)
                    .set_body_json(json!({"code": "VALIDATION_ERROR", "message": "bad", "details": []})),
            )
            .mount(&server)
            .await;
        let client = jobs_client::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        let body: jobs_client::models::JobCreate = serde_json::from_value(json!({
            "name": "n", "source_system": "affinity", "target_system": "attio", "source_config": {}, "target_config": {}
        }))
        .unwrap();

        let err = client.jobs().create_job(body).await.unwrap_err();
        let sent = requests(&server).await;
        let sent_id = header(&sent[0], "x-request-id").unwrap();
        assert_eq!(err.status(), Some(422));
        assert_eq!(err.request_id(), Some(sent_id));
        assert!(err.body().is_none(), "the body lacks request_id, so it does not decode as the Error schema");
        let jobs_client::Error::Api { content, .. } = &err else { panic!("{err:?}") };
        assert!(content.contains("VALIDATION_ERROR"), "the raw body is kept: {content}");
    })
    .await;
}

#[tokio::test]
async fn a_success_body_that_does_not_match_its_type_is_a_decode_error() {
    bounded(async {
        let server = server().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-Request-ID", "req-1")
                    .set_body_json(json!({"unexpected": true})),
            )
            .mount(&server)
            .await;
        let client = orders_client::Client::builder().base_url(server.uri()).build().unwrap();
        let err = client.orders().get_order(uuid(1).parse().unwrap()).await.unwrap_err();
        assert!(matches!(&err, Error::Decode { status: 200, request_id: Some(id), .. } if id == "req-1"), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn a_server_that_does_not_answer_is_a_transport_error() {
    bounded(async {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let client = orders_client::Client::builder()
            .base_url(format!("http://127.0.0.1:{port}"))
            .max_retries(1)
            .backoff(std::time::Duration::from_millis(1), std::time::Duration::from_millis(5))
            .build()
            .unwrap();
        let err = client.health().get_health().await.unwrap_err();
        assert!(matches!(err, Error::Http(_)), "{err:?}");
        assert_eq!(err.status(), None);
    })
    .await;
}

#[test]
fn a_missing_or_bad_base_url_is_a_configuration_error() {
    assert_eq!(orders_client::DEFAULT_BASE_URL, Some("https://orders.a20.example.com"));
    assert_eq!(orders_client::Client::builder().build().unwrap().base_url(), "https://orders.a20.example.com");
    let err = orders_client::Client::builder().base_url("not a url").build().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}
