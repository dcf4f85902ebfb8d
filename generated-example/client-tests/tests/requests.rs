//! What the generated clients put on the wire: credentials per security
//! scheme, query parameters (arrays with and without explode, deepObject,
//! absent optional ones), percent-encoded path parameters, header and cookie
//! parameters, JSON, form and multipart bodies, `X-Request-ID`; and how they
//! read answers (typed values, an enum over several 2xx bodies, text).

mod support;

use serde_json::json;
use support::{bounded, header, is_uuid, order, project, requests, server, uuid};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn orders_sends_the_bearer_token_and_no_credentials_to_public_operations() {
    bounded(async {
        let server = server().await;
        let id = uuid(7);
        Mock::given(method("GET"))
            .and(path(format!("/api/v1/orders/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(order(7)))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/health"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"status": "healthy", "timestamp": "2026-01-15T10:30:00Z", "version": "1.2.0", "checks": {"db": "healthy"}}),
            ))
            .mount(&server)
            .await;
        let client = orders_client::Client::builder().base_url(server.uri()).bearer_token("tok-123").build().unwrap();

        let got = client.orders().get_order(id.parse().unwrap()).await.unwrap();
        assert_eq!(got.order_number.as_deref(), Some("ORD-00000007"));
        assert_eq!(got.status, orders_client::models::OrderStatus::Confirmed);
        let health = client.health().get_health().await.unwrap();
        assert_eq!(health.status, orders_client::models::HealthStatus::Healthy);

        let received = requests(&server).await;
        assert_eq!(received.len(), 2);
        assert_eq!(header(&received[0], "authorization"), Some("Bearer tok-123"));
        assert_eq!(header(&received[1], "authorization"), None, "GET /health is public (security: [])");
        for request in &received {
            let id = header(request, "x-request-id").expect("an X-Request-ID on every request");
            assert!(is_uuid(id), "X-Request-ID {id} is a UUID");
            assert!(header(request, "user-agent").unwrap().starts_with("orders-client/"));
        }
        assert_ne!(header(&received[0], "x-request-id"), header(&received[1], "x-request-id"));
    })
    .await;
}

#[tokio::test]
async fn jobs_sends_its_api_key_header_and_projects_its_bearer_token() {
    bounded(async {
        let server = server().await;
        Mock::given(method("GET"))
            .and(path(format!("/api/v1/jobs/{}", uuid(3))))
            .respond_with(ResponseTemplate::new(200).set_body_json(support::job(3)))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("/api/v2/projects/{}", uuid(4))))
            .respond_with(ResponseTemplate::new(200).set_body_json(project(4)))
            .mount(&server)
            .await;
        let jobs = jobs_client::Client::builder().base_url(server.uri()).api_key("frt_key").build().unwrap();
        let projects = projects_client::Client::builder().base_url(server.uri()).bearer_token("jwt").build().unwrap();

        let job = jobs.jobs().get_job(uuid(3).parse().unwrap()).await.unwrap();
        assert_eq!(job.name, "job 3");
        let project = projects.v2().projects().get_project(uuid(4).parse().unwrap()).await.unwrap();
        assert_eq!(project.code, "ASR-1004");

        let received = requests(&server).await;
        assert_eq!(header(&received[0], "x-api-key"), Some("frt_key"));
        assert_eq!(header(&received[0], "authorization"), None);
        assert_eq!(header(&received[1], "authorization"), Some("Bearer jwt"));
        assert_eq!(header(&received[1], "x-api-key"), None);
    })
    .await;
}

#[tokio::test]
async fn query_parameters_are_encoded_and_unset_ones_left_out() {
    bounded(async {
        let server = server().await;
        let page = json!({"items": [], "page": 1, "limit": 20, "total": 0, "total_pages": 0, "has_next": false, "has_prev": false});
        Mock::given(method("GET"))
            .and(path("/api/v1/orders"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page))
            .mount(&server)
            .await;
        let client = orders_client::Client::builder().base_url(server.uri()).build().unwrap();
        let since = "2026-01-01T00:00:00Z".parse().unwrap();

        let empty = client.orders().list_orders().send().await.unwrap();
        assert!(empty.items.is_empty());
        client
            .orders()
            .list_orders()
            .status(orders_client::models::OrderStatus::Shipped)
            .limit(20)
            .created_at_gte(since)
            .sort("-created_at")
            .send()
            .await
            .unwrap();

        let received = requests(&server).await;
        assert_eq!(received[0].url.query(), None, "no optional parameter set: no query string");
        assert_eq!(
            received[1].url.query(),
            Some("limit=20&sort=-created_at&status=shipped&created_at_gte=2026-01-01T00%3A00%3A00Z"),
            "set parameters only, in the spec's order, percent-encoded"
        );
    })
    .await;
}

#[tokio::test]
async fn arrays_deep_objects_headers_cookies_and_path_segments_follow_their_style() {
    bounded(async {
        let server = server().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"path": "dir/sub file.txt", "version": 3})))
            .mount(&server)
            .await;
        let client = edge_client::Client::builder()
            .base_url(format!("{}/base", server.uri()))
            .api_key("sess-1")
            .build()
            .unwrap();

        let got = client
            .files()
            .get_file_version("dir/sub file.txt", 3)
            .tags(vec!["a".into(), "b c".into()])
            .fields(vec!["path".into(), "version".into()])
            .filter([("kind".to_string(), "pdf".to_string())].into_iter().collect())
            .x_trace_tag("t-1")
            .locale("de")
            .min_size(201.0)
            .await
            .unwrap();
        assert_eq!(
            got,
            edge_client::resources::files::GetFileVersionResponse::Ok(edge_client::models::FileVersion {
                path: "dir/sub file.txt".into(),
                version: 3
            })
        );

        let received = requests(&server).await;
        let request = &received[0];
        assert_eq!(
            request.url.path(),
            "/base/files/dir%2Fsub%20file.txt/versions/3",
            "the base URL's path is kept; / and space stay inside the segment"
        );
        assert_eq!(
            request.url.query(),
            Some("tags=a&tags=b%20c&fields=path,version&filter[kind]=pdf&min_size=201"),
            "a whole number is sent as 201, not 201.0"
        );
        assert_eq!(header(request, "x-trace-tag"), Some("t-1"));
        assert_eq!(
            header(request, "cookie"),
            Some("locale=de; session=sess-1"),
            "cookie parameter, then the cookie credential"
        );
        assert_eq!(header(request, "authorization"), None);
    })
    .await;
}

#[tokio::test]
async fn the_first_satisfied_security_alternative_is_used() {
    bounded(async {
        let server = server().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("hello"))
            .mount(&server)
            .await;
        let client = edge_client::Client::builder().base_url(server.uri()).basic_auth("user", "pass").build().unwrap();

        let text = client.files().get_file_content("a b").await.unwrap();
        assert_eq!(text, "hello", "a text/plain answer is a String");

        let received = requests(&server).await;
        assert_eq!(received[0].url.path(), "/files/a%20b/content");
        assert_eq!(header(&received[0], "authorization"), Some("Basic dXNlcjpwYXNz"));
        assert_eq!(header(&received[0], "cookie"), None);
    })
    .await;
}

#[tokio::test]
async fn several_2xx_bodies_decode_into_the_response_enum() {
    bounded(async {
        let server = server().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(202).set_body_json(json!({"retry_after_seconds": 30})))
            .mount(&server)
            .await;
        let client = edge_client::Client::builder().base_url(server.uri()).build().unwrap();
        let got = client.files().get_file_version("x", 1).await.unwrap();
        assert_eq!(
            got,
            edge_client::resources::files::GetFileVersionResponse::Accepted(edge_client::models::Pending {
                retry_after_seconds: 30
            })
        );
    })
    .await;
}

#[tokio::test]
async fn json_form_and_multipart_bodies_are_sent_with_their_content_type() {
    bounded(async {
        let server = server().await;
        Mock::given(method("POST"))
            .and(path("/api/v1/orders"))
            .respond_with(ResponseTemplate::new(201).set_body_json(order(9)))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/notes"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1, "text": "hello world"})))
            .mount(&server)
            .await;
        let document = json!({
            "id": uuid(5), "project_id": uuid(4), "file_name": "plan.pdf", "content_type": "application/pdf", "size_bytes": 8,
            "checksum_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "category": "drawing",
            "file_url": "/x", "created_at": "2026-01-15T10:30:00Z"
        });
        Mock::given(method("POST"))
            .and(path(format!("/api/v2/projects/{}/documents", uuid(4))))
            .respond_with(ResponseTemplate::new(201).set_body_json(document))
            .mount(&server)
            .await;

        let orders = orders_client::Client::builder().base_url(server.uri()).build().unwrap();
        let body: orders_client::models::OrderCreate = serde_json::from_value(json!({
            "customer_id": uuid(1000), "currency": "EUR", "shipping_address": "Hauptstrasse 1", "shipping_country": "DE",
            "items": [{"sku": "TSHIRT-M", "name": "T-shirt", "quantity": 2, "unit_price": "9.90", "currency": "EUR", "weight": 0.2, "weight_unit": "kg"}]
        }))
        .unwrap();
        let created = orders.orders().create_order(body).await.unwrap();
        assert_eq!(created.order_number.as_deref(), Some("ORD-00000009"));

        let edge = edge_client::Client::builder().base_url(server.uri()).build().unwrap();
        let note = edge
            .notes()
            .create_note(edge_client::models::NoteForm { text: "hello world".into(), labels: Some(vec!["a".into(), "b&c".into()]) })
            .await
            .unwrap();
        assert_eq!(note.id, 1);

        let projects = projects_client::Client::builder().base_url(server.uri()).build().unwrap();
        let upload = projects_client::models::ProjectDocumentUpload {
            file: b"%PDF-1.7".to_vec(),
            category: projects_client::models::DocumentCategory::Drawing,
            description: None,
        };
        let stored = projects
            .v2()
            .project_documents()
            .upload_project_document(uuid(4).parse().unwrap(), upload)
            .file_part("file", "plan.pdf", "application/pdf")
            .await
            .unwrap();
        assert_eq!(stored.file_name, "plan.pdf");

        let received = requests(&server).await;
        assert_eq!(header(&received[0], "content-type"), Some("application/json"));
        let sent: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
        assert_eq!(sent["items"][0]["unit_price"], "9.90");
        assert_eq!(sent["customer_id"], uuid(1000));

        assert_eq!(header(&received[1], "content-type"), Some("application/x-www-form-urlencoded"));
        // application/x-www-form-urlencoded as the URL standard writes it (a space is `+`).
        assert_eq!(String::from_utf8_lossy(&received[1].body), "text=hello+world&labels=a&labels=b%26c");

        let content_type = header(&received[2], "content-type").unwrap();
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart content type");
        let body = String::from_utf8_lossy(&received[2].body);
        assert_eq!(
            body,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\ndrawing\r\n--{boundary}--\r\n"
            ),
            "a file part, a text part, and no part for the absent description"
        );
    })
    .await;
}

#[tokio::test]
async fn a_patch_body_tells_null_from_absent() {
    bounded(async {
        let server = server().await;
        let id = uuid(8);
        Mock::given(method("PATCH"))
            .and(path(format!("/api/v1/orders/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(order(8)))
            .mount(&server)
            .await;
        let client = orders_client::Client::builder().base_url(server.uri()).bearer_token("tok").build().unwrap();
        use orders_client::models::{OrderUpdate, Patch};

        let clear = OrderUpdate { notes: Patch::Null, requested_delivery_date: Patch::Absent, ..Default::default() };
        client.orders().update_order(id.parse().unwrap(), clear).await.unwrap();
        let set = OrderUpdate { notes: "ring twice".to_string().into(), ..Default::default() };
        client.orders().update_order(id.parse().unwrap(), set).await.unwrap();
        let keep = OrderUpdate { is_gift: Some(true), ..Default::default() };
        client.orders().update_order(id.parse().unwrap(), keep).await.unwrap();

        let bodies: Vec<serde_json::Value> =
            requests(&server).await.iter().map(|r| serde_json::from_slice(&r.body).unwrap()).collect();
        assert_eq!(bodies, [json!({"notes": null}), json!({"notes": "ring twice"}), json!({"is_gift": true})]);

        // And back: a member written as null decodes as `Null`, a missing one as `Absent`.
        let decoded: OrderUpdate = serde_json::from_value(json!({"notes": null})).unwrap();
        assert_eq!((decoded.notes, decoded.requested_delivery_date), (Patch::Null, Patch::Absent));
    })
    .await;
}
