//! Deprecation: a response with `Deprecation`/`Sunset` headers is reported to
//! the hook once per operation, however often the operation is called.

mod support;

use std::sync::{Arc, Mutex};

use serde_json::json;
use support::{bounded, server, uuid};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
#[allow(deprecated)] // calling the deprecated operations is the point of this test
async fn the_hook_fires_once_per_deprecated_operation() {
    bounded(async {
        let server = server().await;
        let customer = uuid(1000);
        let page = json!({"items": [], "page": 1, "limit": 20, "total": 0, "total_pages": 0, "has_next": false, "has_prev": false});
        Mock::given(method("GET"))
            .and(path(format!("/api/v1/customers/{customer}/orders")))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("Deprecation", "true")
                    .insert_header("Sunset", "Sun, 31 Dec 2028 23:59:59 GMT")
                    .set_body_json(page.clone()),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET")).and(path("/api/v1/orders")).respond_with(ResponseTemplate::new(200).set_body_json(page)).mount(&server).await;
        let notices = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&notices);
        let client = orders_client::Client::builder()
            .base_url(server.uri())
            .on_deprecation(move |notice| seen.lock().unwrap().push(notice.clone()))
            .build()
            .unwrap();

        for _ in 0..3 {
            client.orders().list_customer_orders(customer.parse().unwrap()).await.unwrap();
            client.orders().list_orders().await.unwrap();
        }

        let notices = notices.lock().unwrap();
        assert_eq!(notices.len(), 1, "{notices:?}");
        let notice = &notices[0];
        assert_eq!(notice.operation, "list_customer_orders");
        assert_eq!(notice.method, "GET");
        assert_eq!(notice.path, "/api/v1/customers/{customer_id}/orders");
        assert_eq!(notice.deprecation.as_deref(), Some("true"));
        assert_eq!(notice.sunset.as_deref(), Some("Sun, 31 Dec 2028 23:59:59 GMT"));
        assert_eq!(notice.to_string(), "GET /api/v1/customers/{customer_id}/orders (list_customer_orders) is deprecated and will be removed after Sun, 31 Dec 2028 23:59:59 GMT");
    })
    .await;
}

#[tokio::test]
#[allow(deprecated)] // calling the deprecated operation is the point of this test
async fn versioned_handles_reach_the_deprecated_v1_and_the_current_v2() {
    bounded(async {
        let server = server().await;
        Mock::given(method("GET"))
            .and(path("/api/v1/projects"))
            .respond_with(ResponseTemplate::new(200).insert_header("Deprecation", "true").set_body_json(
                json!({"items": [support::project_v1(1)], "skip": 0, "limit": 20, "total": 1, "has_more": false}),
            ))
            .mount(&server)
            .await;
        let count = Arc::new(Mutex::new(0));
        let seen = Arc::clone(&count);
        let client = projects_client::Client::builder()
            .base_url(server.uri())
            .on_deprecation(move |_| *seen.lock().unwrap() += 1)
            .build()
            .unwrap();
        let v1 = client.v1().projects().list_projects_v1().await.unwrap();
        assert_eq!(v1.items[0].status, projects_client::models::ProjectStatus2::Active);
        client.v1().projects().list_projects_v1().await.unwrap();
        assert_eq!(*count.lock().unwrap(), 1);
    })
    .await;
}
