//! The databases the migrations are applied to: embedded SQLite (rusqlite),
//! and PostgreSQL and MariaDB servers the tests start themselves on Unix
//! sockets in temporary folders (killed by a `Drop` guard, every wait bounded).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::expect::Sql;

/// Set to `1` (CI) to fail instead of skipping when a database server is not installed.
pub const REQUIRE_ENV: &str = "APIGEN_REQUIRE_DATABASES";

/// What one table looks like in a catalog.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// (name, type, nullable, has default), in column order.
    pub columns: Vec<(String, String, bool, bool)>,
    pub pk: Vec<String>,
    /// (column, referenced table, referenced column)
    pub fks: BTreeSet<(String, String, String)>,
    pub uniques: BTreeSet<Vec<String>>,
    pub indexes: BTreeSet<Vec<String>>,
    /// Check constraint texts.
    pub checks: Vec<String>,
}

/// A database the test applies SQL to.
pub trait Db {
    fn dialect(&self) -> Sql;
    /// Runs a script (one or more statements).
    fn exec(&mut self, sql: &str) -> Result<(), String>;
    /// Every table's catalog entry.
    fn catalog(&mut self) -> BTreeMap<String, Catalog>;
    /// How many rows a table holds.
    fn count(&mut self, table: &str) -> usize;
}

// ------------------------------------------------------------------ processes

/// The outcome of a command.
pub struct Out {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs a command with optional stdin, killed after `limit`.
pub fn run(cmd: &mut Command, stdin: Option<&str>, limit: Duration) -> Out {
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Out { ok: false, stdout: String::new(), stderr: format!("cannot start {cmd:?}: {e}") },
    };
    let input = stdin.map(str::to_string);
    let mut pipe_in = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(pipe), Some(text)) = (pipe_in.as_mut(), input) {
            let _ = pipe.write_all(text.as_bytes());
        }
        drop(pipe_in);
    });
    let mut out_pipe = child.stdout.take().expect("piped");
    let mut err_pipe = child.stderr.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let _ = writer.join();
    let stdout = out_reader.join().unwrap_or_default();
    let mut stderr = err_reader.join().unwrap_or_default();
    if status.is_none() {
        stderr.push_str(&format!("\n(killed after {limit:?}: {cmd:?})"));
    }
    Out { ok: status.is_some_and(|s| s.success()), stdout, stderr }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("Uid:")).and_then(|l| l.split_whitespace().nth(1).map(|u| u == "0"))
        })
        .unwrap_or(false)
}

/// uid and gid of a system user (from /etc/passwd).
fn user_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 3 && f[0] == name).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
    })
}

fn find_binary(names: &[&str], extra_dirs: &[PathBuf]) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = extra_dirs.to_vec();
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs.extend(["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin", "/sbin", "/bin"].map(PathBuf::from));
    for name in names {
        for dir in &dirs {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Where server folders go: `/tmp` when it exists (short socket paths, and a folder
/// the `postgres` user can reach when the tests run as root), else the temp folder.
fn scratch_root() -> PathBuf {
    let tmp = Path::new("/tmp");
    if tmp.is_dir() {
        tmp.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

/// A started server process, stopped (TERM, then KILL after a bounded wait) when dropped.
struct Guard {
    child: Child,
    name: &'static str,
}

impl Drop for Guard {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).stdout(Stdio::null()).stderr(Stdio::null()).status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = writeln!(std::io::stderr(), "{}: server killed after 15 s", self.name);
    }
}

/// Retries `probe` until it succeeds or `limit` passes.
fn wait_for(limit: Duration, mut probe: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if probe() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

// ------------------------------------------------------------------ PostgreSQL

/// A private PostgreSQL server.
pub struct Postgres {
    // Field order: the guard stops the server before the folder is removed.
    _guard: Guard,
    psql: PathBuf,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Postgres {
    /// Starts a server, or says why it cannot.
    pub fn start() -> Result<Postgres, String> {
        let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .map(|d| {
                d.filter_map(Result::ok).map(|e| e.path().join("bin")).filter(|b| b.join("initdb").is_file()).collect()
            })
            .unwrap_or_default();
        versions.sort_by_key(|p| {
            p.parent()
                .and_then(|v| v.file_name())
                .and_then(|v| v.to_str())
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(0)
        });
        let bin =
            versions.pop().or_else(|| find_binary(&["initdb"], &[]).and_then(|p| p.parent().map(Path::to_path_buf)));
        let Some(bin) = bin else {
            return Err("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH; scripts/install-databases.sh installs it)".into());
        };
        let postgres = bin.join("postgres");
        let psql = if bin.join("psql").is_file() {
            bin.join("psql")
        } else {
            find_binary(&["psql"], &[]).ok_or("no psql client")?
        };
        if !postgres.is_file() {
            return Err(format!("no postgres server binary beside {}", bin.display()));
        }
        let dir =
            tempfile::Builder::new().prefix("apigen-pg-").tempdir_in(scratch_root()).map_err(|e| e.to_string())?;
        // initdb and postgres refuse to run as root: run them as the `postgres` (or `nobody`) user.
        let ids = if is_root() {
            let ids = user_ids("postgres")
                .or_else(|| user_ids("nobody"))
                .ok_or("running as root and no postgres or nobody user to run the server as")?;
            std::os::unix::fs::chown(dir.path(), Some(ids.0), Some(ids.1))
                .map_err(|e| format!("chown {}: {e}", dir.path().display()))?;
            Some(ids)
        } else {
            None
        };
        let as_user = |cmd: &mut Command| {
            use std::os::unix::process::CommandExt;
            if let Some((uid, gid)) = ids {
                cmd.uid(uid).gid(gid);
            }
            cmd.env("LC_ALL", "C").env_remove("PGDATA");
        };
        let data = dir.path().join("data");
        let mut initdb = Command::new(bin.join("initdb"));
        initdb.arg("-D").arg(&data).args([
            "--auth=trust",
            "--username=apigen",
            "--locale=C",
            "--encoding=UTF8",
            "--no-sync",
        ]);
        as_user(&mut initdb);
        let out = run(&mut initdb, None, Duration::from_secs(120));
        if !out.ok {
            return Err(format!("initdb failed: {}{}", out.stdout, out.stderr));
        }
        let log = std::fs::File::create(dir.path().join("server.log")).map_err(|e| e.to_string())?;
        if let Some((uid, gid)) = ids {
            let _ = std::os::unix::fs::chown(dir.path().join("server.log"), Some(uid), Some(gid));
        }
        let mut server = Command::new(&postgres);
        server
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(dir.path())
            .args([
                "-c",
                "listen_addresses=",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "synchronous_commit=off",
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log);
        as_user(&mut server);
        let child = server.spawn().map_err(|e| format!("cannot start {}: {e}", postgres.display()))?;
        let pg =
            Postgres { _guard: Guard { child, name: "postgres" }, psql, socket: dir.path().to_path_buf(), _dir: dir };
        if !wait_for(Duration::from_secs(60), || pg.psql("postgres", "SELECT 1").ok) {
            let log = std::fs::read_to_string(pg.socket.join("server.log")).unwrap_or_default();
            return Err(format!("PostgreSQL did not accept connections within 60 s:\n{log}"));
        }
        Ok(pg)
    }

    /// Runs SQL with psql (stops at the first error).
    pub fn psql(&self, db: &str, sql: &str) -> Out {
        let mut cmd = Command::new(&self.psql);
        cmd.args(["-X", "-q", "-A", "-t", "-F", "\u{1f}", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.socket)
            .args(["-U", "apigen", "-d", db])
            .env("PGCONNECT_TIMEOUT", "10");
        run(&mut cmd, Some(sql), Duration::from_secs(120))
    }
}

/// One database on the PostgreSQL server.
pub struct PgDb<'a> {
    pub server: &'a Postgres,
    pub db: String,
}

impl<'a> PgDb<'a> {
    pub fn create(server: &'a Postgres, db: &str) -> PgDb<'a> {
        let out = server.psql("postgres", &format!("DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db};"));
        assert!(out.ok, "create database {db}: {}", out.stderr);
        PgDb { server, db: db.to_string() }
    }

    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let out = self.server.psql(&self.db, sql);
        assert!(out.ok, "query failed: {sql}\n{}", out.stderr);
        out.stdout.lines().filter(|l| !l.is_empty()).map(|l| l.split('\u{1f}').map(str::to_string).collect()).collect()
    }
}

/// The column list inside the first parentheses after `keyword`.
fn paren_list(text: &str, keyword: &str) -> Vec<String> {
    let at = text.find(keyword).map_or(0, |i| i + keyword.len());
    let rest = &text[at..];
    let open = rest.find('(').expect("a column list");
    let close = rest[open..].find(')').expect("a closing parenthesis") + open;
    rest[open + 1..close].split(',').map(|c| c.trim().trim_matches('"').trim_matches('`').to_string()).collect()
}

impl Db for PgDb<'_> {
    fn dialect(&self) -> Sql {
        Sql::Postgres
    }

    fn exec(&mut self, sql: &str) -> Result<(), String> {
        let out = self.server.psql(&self.db, sql);
        if out.ok {
            Ok(())
        } else {
            Err(out.stderr)
        }
    }

    fn count(&mut self, table: &str) -> usize {
        self.rows(&format!("SELECT count(*) FROM {table}"))[0][0].parse().expect("a count")
    }

    fn catalog(&mut self) -> BTreeMap<String, Catalog> {
        let mut out: BTreeMap<String, Catalog> = BTreeMap::new();
        for row in self.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'") {
            out.entry(row[0].clone()).or_default();
        }
        let columns = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
            coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity \
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum";
        for r in self.rows(columns) {
            let has_default = !r[4].is_empty() || !r[5].is_empty();
            out.entry(r[0].clone()).or_default().columns.push((r[1].clone(), r[2].clone(), r[3] == "f", has_default));
        }
        let constraints = "SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid) FROM pg_constraint \
            WHERE connamespace = 'public'::regnamespace ORDER BY 1, conname";
        for r in self.rows(constraints) {
            let t = out.entry(r[0].trim_matches('"').to_string()).or_default();
            match r[1].as_str() {
                "p" => t.pk = paren_list(&r[2], "PRIMARY KEY"),
                "u" => {
                    t.uniques.insert(paren_list(&r[2], "UNIQUE"));
                }
                "f" => {
                    let column = paren_list(&r[2], "FOREIGN KEY").remove(0);
                    let after = &r[2][r[2].find("REFERENCES").expect("REFERENCES") + 10..];
                    let table = after[..after.find('(').expect("(")].trim().trim_matches('"').to_string();
                    let referenced = paren_list(after, "").remove(0);
                    t.fks.insert((column, table, referenced));
                }
                "c" => t.checks.push(r[2].clone()),
                _ => {}
            }
        }
        for r in self.rows("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'") {
            if r[1].starts_with("CREATE INDEX") {
                out.entry(r[0].clone()).or_default().indexes.insert(paren_list(&r[1], "USING"));
            }
        }
        out
    }
}

// ------------------------------------------------------------------ MariaDB

/// A private MariaDB server.
pub struct Mariadb {
    _guard: Guard,
    client: PathBuf,
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Mariadb {
    /// Starts a server, or says why it cannot.
    pub fn start() -> Result<Mariadb, String> {
        let install = find_binary(&["mariadb-install-db", "mysql_install_db"], &[])
            .ok_or("MariaDB is not installed (no mariadb-install-db; scripts/install-databases.sh installs it)")?;
        let server = find_binary(&["mariadbd", "mysqld"], &[]).ok_or("no mariadbd server binary")?;
        let client = find_binary(&["mariadb", "mysql"], &[]).ok_or("no mariadb client")?;
        let dir =
            tempfile::Builder::new().prefix("apigen-mdb-").tempdir_in(scratch_root()).map_err(|e| e.to_string())?;
        let data = dir.path().join("data");
        let root = is_root();
        let mut init = Command::new(&install);
        init.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"]);
        if root {
            init.arg("--user=root");
        }
        let out = run(&mut init, None, Duration::from_secs(180));
        if !out.ok {
            return Err(format!("mariadb-install-db failed: {}{}", out.stdout, out.stderr));
        }
        let socket = dir.path().join("sock");
        let mut cmd = Command::new(&server);
        cmd.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--pid-file={}", dir.path().join("server.pid").display()))
            .arg(format!("--log-error={}", dir.path().join("server.log").display()))
            .args([
                "--skip-networking",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M",
                "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if root {
            cmd.arg("--user=root");
        }
        let child = cmd.spawn().map_err(|e| format!("cannot start {}: {e}", server.display()))?;
        let db = Mariadb { _guard: Guard { child, name: "mariadbd" }, client, socket, _dir: dir };
        if !wait_for(Duration::from_secs(60), || db.socket.exists() && db.sql(None, "SELECT 1").ok) {
            let log = std::fs::read_to_string(db.socket.with_file_name("server.log")).unwrap_or_default();
            return Err(format!("MariaDB did not accept connections within 60 s:\n{log}"));
        }
        Ok(db)
    }

    /// Runs SQL with the client (stops at the first error).
    pub fn sql(&self, db: Option<&str>, sql: &str) -> Out {
        let mut cmd = Command::new(&self.client);
        cmd.arg("--no-defaults").arg(format!("--socket={}", self.socket.display())).args([
            "-u",
            "root",
            "-N",
            "-B",
            "--connect-timeout=10",
        ]);
        if let Some(db) = db {
            cmd.arg(db);
        }
        run(&mut cmd, Some(sql), Duration::from_secs(120))
    }
}

/// One database on the MariaDB server.
pub struct MariaDb<'a> {
    pub server: &'a Mariadb,
    pub db: String,
}

impl<'a> MariaDb<'a> {
    pub fn create(server: &'a Mariadb, db: &str) -> MariaDb<'a> {
        let out =
            server.sql(None, &format!("DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db} CHARACTER SET utf8mb4;"));
        assert!(out.ok, "create database {db}: {}", out.stderr);
        MariaDb { server, db: db.to_string() }
    }

    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let out = self.server.sql(Some(&self.db), sql);
        assert!(out.ok, "query failed: {sql}\n{}", out.stderr);
        out.stdout.lines().filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
    }
}

/// MariaDB's `COLUMN_TYPE` without integer display widths (`bigint(20)` → `bigint`; `tinyint(1)` kept: it is BOOLEAN).
fn mysql_type(t: &str) -> String {
    for base in ["bigint", "int", "smallint", "mediumint"] {
        if let Some(rest) = t.strip_prefix(base) {
            if rest.starts_with('(') && rest.ends_with(')') {
                return base.to_string();
            }
        }
    }
    t.to_string()
}

impl Db for MariaDb<'_> {
    fn dialect(&self) -> Sql {
        Sql::Mysql
    }

    fn exec(&mut self, sql: &str) -> Result<(), String> {
        let out = self.server.sql(Some(&self.db), sql);
        if out.ok {
            Ok(())
        } else {
            Err(out.stderr)
        }
    }

    fn count(&mut self, table: &str) -> usize {
        self.rows(&format!("SELECT count(*) FROM {table}"))[0][0].parse().expect("a count")
    }

    fn catalog(&mut self) -> BTreeMap<String, Catalog> {
        let db = self.db.clone();
        let mut out: BTreeMap<String, Catalog> = BTreeMap::new();
        for r in self.rows(&format!("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{db}'")) {
            out.entry(r[0].clone()).or_default();
        }
        let columns = format!(
            "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, ''), EXTRA FROM information_schema.COLUMNS \
             WHERE TABLE_SCHEMA = '{db}' ORDER BY TABLE_NAME, ORDINAL_POSITION"
        );
        for r in self.rows(&columns) {
            let default = r[4].as_str();
            let has_default =
                !(default.is_empty() || default == "NULL") || r.get(5).is_some_and(|e| e.contains("auto_increment"));
            out.entry(r[0].clone()).or_default().columns.push((
                r[1].clone(),
                mysql_type(&r[2]),
                r[3] == "YES",
                has_default,
            ));
        }
        let keys = format!(
            "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, COALESCE(k.REFERENCED_TABLE_NAME, ''), COALESCE(k.REFERENCED_COLUMN_NAME, '') \
             FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE k \
             ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
             WHERE tc.TABLE_SCHEMA = '{db}' ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION"
        );
        let mut uniques: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for r in self.rows(&keys) {
            let t = out.entry(r[0].clone()).or_default();
            match r[2].as_str() {
                "PRIMARY KEY" => t.pk.push(r[3].clone()),
                "UNIQUE" => uniques.entry((r[0].clone(), r[1].clone())).or_default().push(r[3].clone()),
                "FOREIGN KEY" => {
                    t.fks.insert((r[3].clone(), r[4].clone(), r[5].clone()));
                }
                _ => {}
            }
        }
        for ((table, _), cols) in uniques {
            out.entry(table).or_default().uniques.insert(cols);
        }
        let checks = format!("SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '{db}'");
        for r in self.rows(&checks) {
            out.entry(r[0].clone()).or_default().checks.push(r[1].clone());
        }
        let indexes = format!(
            "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{db}' AND NON_UNIQUE = 1 \
             ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
        );
        let mut by_name: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for r in self.rows(&indexes) {
            by_name.entry((r[0].clone(), r[1].clone())).or_default().push(r[2].clone());
        }
        for ((table, _), cols) in by_name {
            out.entry(table).or_default().indexes.insert(cols);
        }
        out
    }
}

// ------------------------------------------------------------------ SQLite

/// An in-memory SQLite database with foreign keys enforced.
pub struct Sqlite {
    pub conn: rusqlite::Connection,
}

impl Sqlite {
    pub fn open() -> Sqlite {
        let conn = rusqlite::Connection::open_in_memory().expect("open SQLite");
        conn.execute_batch("PRAGMA foreign_keys = ON;").expect("enable foreign keys");
        Sqlite { conn }
    }

    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        let mut stmt = self.conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..n)
                    .map(|i| {
                        Ok(match row.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => String::new(),
                            rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                            rusqlite::types::ValueRef::Real(v) => v.to_string(),
                            rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                            rusqlite::types::ValueRef::Blob(_) => "<blob>".into(),
                        })
                    })
                    .collect::<Result<Vec<String>, rusqlite::Error>>()
            })
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows.map(|r| r.expect("row")).collect()
    }
}

impl Db for Sqlite {
    fn dialect(&self) -> Sql {
        Sql::Sqlite
    }

    fn exec(&mut self, sql: &str) -> Result<(), String> {
        self.conn.execute_batch(sql).map_err(|e| e.to_string())
    }

    fn count(&mut self, table: &str) -> usize {
        self.rows(&format!("SELECT count(*) FROM {table}"))[0][0].parse().expect("a count")
    }

    fn catalog(&mut self) -> BTreeMap<String, Catalog> {
        let mut out = BTreeMap::new();
        let tables = self.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        );
        for t in tables {
            let name = &t[0];
            let q = name.replace('"', "\"\"");
            let mut c = Catalog::default();
            let mut pk: Vec<(i64, String)> = Vec::new();
            for r in self.rows(&format!("PRAGMA table_info(\"{q}\")")) {
                // cid, name, type, notnull, dflt_value, pk
                c.columns.push((r[1].clone(), r[2].clone(), r[3] == "0", !r[4].is_empty()));
                let order: i64 = r[5].parse().unwrap_or(0);
                if order > 0 {
                    pk.push((order, r[1].clone()));
                }
            }
            pk.sort();
            c.pk = pk.into_iter().map(|(_, n)| n).collect();
            for r in self.rows(&format!("PRAGMA foreign_key_list(\"{q}\")")) {
                // id, seq, table, from, to, …
                c.fks.insert((r[3].clone(), r[2].clone(), r[4].clone()));
            }
            for r in self.rows(&format!("PRAGMA index_list(\"{q}\")")) {
                // seq, name, unique, origin, partial
                let cols: Vec<String> = self
                    .rows(&format!("PRAGMA index_info(\"{}\")", r[1].replace('"', "\"\"")))
                    .into_iter()
                    .map(|i| i[2].clone())
                    .collect();
                match r[3].as_str() {
                    "u" => {
                        c.uniques.insert(cols);
                    }
                    "c" if r[2] == "0" => {
                        c.indexes.insert(cols);
                    }
                    _ => {}
                }
            }
            // SQLite keeps CHECK constraints only in the table's SQL text.
            c.checks = t[1].lines().filter(|l| l.contains(" CHECK (")).map(str::to_string).collect();
            out.insert(name.clone(), c);
        }
        out
    }
}
