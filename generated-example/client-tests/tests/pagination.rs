//! Auto-pagination: `.stream()` yields every item across three pages, in each
//! of the four styles, with the request's other parameters on every page.

mod support;

use futures::TryStreamExt;
use serde_json::json;
use support::{bounded, query, requests, server, uuid};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn page(server: &MockServer, route: &str, param: (&str, &str), body: serde_json::Value) {
    Mock::given(method("GET"))
        .and(path(route))
        .and(query_param(param.0, param.1))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn page_style_follows_has_next() {
    bounded(async {
        let server = server().await;
        for (n, has_next) in [(1u64, true), (2, true), (3, false)] {
            let items = vec![support::order(n * 10), support::order(n * 10 + 1)];
            let body = json!({"items": items, "page": n, "limit": 2, "total": 6, "total_pages": 3, "has_next": has_next, "has_prev": n > 1});
            page(&server, "/api/v1/orders", ("page", &n.to_string()), body).await;
        }
        let client = orders_client::Client::builder().base_url(server.uri()).bearer_token("t").build().unwrap();

        let orders: Vec<orders_client::models::Order> =
            client.orders().list_orders().limit(2).status(orders_client::models::OrderStatus::Confirmed).stream().try_collect().await.unwrap();

        let numbers: Vec<String> = orders.iter().map(|o| o.order_number.clone().unwrap()).collect();
        assert_eq!(numbers, ["ORD-00000010", "ORD-00000011", "ORD-00000020", "ORD-00000021", "ORD-00000030", "ORD-00000031"]);
        let received = requests(&server).await;
        assert_eq!(received.len(), 3);
        for (i, request) in received.iter().enumerate() {
            assert_eq!(query(request, "page"), Some((i + 1).to_string()));
            assert_eq!(query(request, "limit").as_deref(), Some("2"), "the page size is kept on every page");
            assert_eq!(query(request, "status").as_deref(), Some("confirmed"), "filters are kept on every page");
        }
    })
    .await;
}

#[tokio::test]
async fn cursor_style_follows_next_cursor_until_null() {
    bounded(async {
        let server = server().await;
        let order_id = uuid(1);
        let route = format!("/api/v1/orders/{order_id}/items");
        Mock::given(method("GET"))
            .and(path(route.as_str()))
            .and(query_param_is_missing("cursor"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"items": [support::order_item(1), support::order_item(2)], "limit": 2, "next_cursor": "c2", "prev_cursor": null}),
            ))
            .expect(1)
            .mount(&server)
            .await;
        page(&server, &route, ("cursor", "c2"), json!({"items": [support::order_item(3), support::order_item(4)], "limit": 2, "next_cursor": "c3", "prev_cursor": "c1"})).await;
        page(&server, &route, ("cursor", "c3"), json!({"items": [support::order_item(5)], "limit": 2, "next_cursor": null, "prev_cursor": "c2"})).await;
        let client = orders_client::Client::builder().base_url(server.uri()).build().unwrap();

        let items: Vec<orders_client::models::OrderItem> =
            client.orders().list_order_items(order_id.parse().unwrap()).limit(2).stream().try_collect().await.unwrap();

        let skus: Vec<&str> = items.iter().map(|i| i.sku.as_str()).collect();
        assert_eq!(skus, ["SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5"]);
        assert_eq!(requests(&server).await.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn offset_style_advances_by_the_items_received_until_has_more_is_false() {
    bounded(async {
        let server = server().await;
        for (offset, has_more) in [(0u64, true), (2, true), (4, false)] {
            let body = json!({"items": [support::job(offset + 1), support::job(offset + 2)], "limit": 2, "offset": offset, "total": 6, "has_more": has_more});
            page(&server, "/api/v1/jobs", ("offset", &offset.to_string()), body).await;
        }
        let client = jobs_client::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();

        let jobs: Vec<jobs_client::models::Job> = client.jobs().list_jobs().limit(2).stream().try_collect().await.unwrap();

        let names: Vec<&str> = jobs.iter().map(|j| j.name.as_str()).collect();
        assert_eq!(names, ["job 1", "job 2", "job 3", "job 4", "job 5", "job 6"]);
        let offsets: Vec<Option<String>> = requests(&server).await.iter().map(|r| query(r, "offset")).collect();
        assert_eq!(offsets, [Some("0".to_string()), Some("2".to_string()), Some("4".to_string())]);
    })
    .await;
}

#[tokio::test]
async fn skip_style_starts_where_the_request_says_and_stops_on_has_more_false() {
    bounded(async {
        let server = server().await;
        for (skip, has_more) in [(10u64, true), (12, true), (14, false)] {
            let body = json!({"items": [support::project(skip), support::project(skip + 1)], "skip": skip, "limit": 2, "total": 16, "has_more": has_more});
            page(&server, "/api/v2/projects", ("skip", &skip.to_string()), body).await;
        }
        let client = projects_client::Client::builder().base_url(server.uri()).bearer_token("t").build().unwrap();

        let projects: Vec<projects_client::models::ProjectV2> =
            client.v2().projects().list_projects().skip(10).limit(2).stream().try_collect().await.unwrap();

        let codes: Vec<&str> = projects.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["ASR-1010", "ASR-1011", "ASR-1012", "ASR-1013", "ASR-1014", "ASR-1015"]);
        assert_eq!(requests(&server).await.len(), 3);
    })
    .await;
}

#[tokio::test]
async fn an_error_on_a_later_page_ends_the_stream_with_that_error() {
    bounded(async {
        let server = server().await;
        let body = json!({"items": [support::job(1)], "limit": 1, "offset": 0, "total": 3, "has_more": true});
        page(&server, "/api/v1/jobs", ("offset", "0"), body).await;
        Mock::given(method("GET"))
            .and(query_param("offset", "1"))
            .respond_with(
                ResponseTemplate::new(500).set_body_json(
                    json!({"code": "INTERNAL", "message": "boom", "details": [], "request_id": uuid(9)}),
                ),
            )
            .mount(&server)
            .await;
        let client = jobs_client::Client::builder().base_url(server.uri()).build().unwrap();
        let mut stream = client.jobs().list_jobs().limit(1).stream();
        assert_eq!(stream.try_next().await.unwrap().unwrap().name, "job 1");
        let err = stream.try_next().await.unwrap_err();
        assert_eq!(err.status(), Some(500));
        assert_eq!(err.body().map(|b| b.code.as_str()), Some("INTERNAL"));
    })
    .await;
}
