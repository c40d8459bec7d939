//! SQLite's C interface, for the statements that step over many rows (submitted numbers written,
//! published cells read and written while approving, an indicator page's cells): a prepared statement
//! stepped row by row on the transaction's own connection costs no hand-off to sqlx's worker
//! thread per row, which is most of the time such statements take through sqlx.
//!
//! Only `sqlite.rs` uses it, on a connection it holds locked (`lock_handle`) for the call.

use libsqlite3_sys as ffi;
use std::marker::PhantomData;
use std::os::raw::{c_char, c_int};

/// A value bound to a statement's parameter; texts are borrowed until the statement is reset
/// or dropped.
#[derive(Clone, Copy)]
pub(crate) enum Param<'a> {
    Int(i64),
    OptInt(Option<i64>),
    Text(&'a str),
    Double(f64),
    OptDouble(Option<f64>),
    OptText(Option<&'a str>),
}

/// A prepared statement, finalised when dropped.
pub(crate) struct Stmt<'a> {
    stmt: *mut ffi::sqlite3_stmt,
    db: *mut ffi::sqlite3,
    texts: PhantomData<&'a str>,
}

/// SQLite's message for the connection's last error.
///
/// Safety: `db` is an open connection.
pub(crate) unsafe fn message(db: *mut ffi::sqlite3) -> String {
    let m = ffi::sqlite3_errmsg(db);
    if m.is_null() {
        "unknown SQLite error".to_string()
    } else {
        std::ffi::CStr::from_ptr(m).to_string_lossy().into_owned()
    }
}

impl<'a> Stmt<'a> {
    /// Safety: `db` is an open connection that nothing else uses while the statement lives.
    pub(crate) unsafe fn prepare(db: *mut ffi::sqlite3, sql: &str) -> Result<Self, String> {
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(
            db,
            sql.as_ptr() as *const c_char,
            sql.len() as c_int,
            &mut stmt,
            std::ptr::null_mut(),
        );
        if rc == ffi::SQLITE_OK && !stmt.is_null() {
            Ok(Stmt { stmt, db, texts: PhantomData })
        } else {
            Err(message(db))
        }
    }

    fn check(&self, rc: c_int) -> Result<(), String> {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            // Safety: the connection is open while the statement lives.
            Err(unsafe { message(self.db) })
        }
    }

    /// Binds parameter `i` (from 1).
    pub(crate) fn bind(&mut self, i: usize, p: Param<'a>) -> Result<(), String> {
        let i = i as c_int;
        // Safety: the statement is prepared; texts outlive it (`'a`) and are bound as static.
        let rc = unsafe {
            match p {
                Param::Int(v) | Param::OptInt(Some(v)) => ffi::sqlite3_bind_int64(self.stmt, i, v),
                Param::Double(v) | Param::OptDouble(Some(v)) => ffi::sqlite3_bind_double(self.stmt, i, v),
                Param::OptInt(None) | Param::OptDouble(None) | Param::OptText(None) => {
                    ffi::sqlite3_bind_null(self.stmt, i)
                }
                Param::Text(s) | Param::OptText(Some(s)) => ffi::sqlite3_bind_text(
                    self.stmt,
                    i,
                    s.as_ptr() as *const c_char,
                    s.len() as c_int,
                    ffi::SQLITE_STATIC(),
                ),
            }
        };
        self.check(rc)
    }

    /// Binds the parameter written `$n` in the statement's text (SQLite numbers `$` parameters
    /// in the order they first appear, so a text that names `$3` before `$2` is bound by name).
    pub(crate) fn bind_dollar(&mut self, n: usize, p: Param<'a>) -> Result<(), String> {
        let name = std::ffi::CString::new(format!("${n}")).expect("no NUL in a parameter's name");
        // Safety: the statement is prepared; the name is a NUL-terminated string.
        let i = unsafe { ffi::sqlite3_bind_parameter_index(self.stmt, name.as_ptr()) };
        if i == 0 {
            return Err(format!("the statement has no parameter ${n}"));
        }
        self.bind(i as usize, p)
    }

    /// Binds every parameter, from 1.
    pub(crate) fn bind_all(&mut self, params: &[Param<'a>]) -> Result<(), String> {
        for (i, p) in params.iter().enumerate() {
            self.bind(i + 1, *p)?;
        }
        Ok(())
    }

    /// The next row (`true`), or the end (`false`).
    pub(crate) fn step(&mut self) -> Result<bool, String> {
        // Safety: the statement is prepared and its parameters bound.
        match unsafe { ffi::sqlite3_step(self.stmt) } {
            ffi::SQLITE_ROW => Ok(true),
            ffi::SQLITE_DONE => Ok(false),
            // Safety: as above.
            _ => Err(unsafe { message(self.db) }),
        }
    }

    /// Runs the statement to its end and makes it ready to run again; answers the rows changed.
    pub(crate) fn execute(&mut self) -> Result<u64, String> {
        let result = self.step().map(|_| {
            // Safety: the connection is open.
            unsafe { ffi::sqlite3_changes(self.db) as u64 }
        });
        // Safety: the statement is prepared.
        unsafe { ffi::sqlite3_reset(self.stmt) };
        result
    }

    fn is_null(&self, col: usize) -> bool {
        // Safety: called on the current row.
        unsafe { ffi::sqlite3_column_type(self.stmt, col as c_int) == ffi::SQLITE_NULL }
    }

    /// Column `col` (from 0) of the current row, as text.
    pub(crate) fn text(&self, col: usize) -> Result<String, String> {
        // Safety: called on the current row; the pointer is valid until the next step.
        unsafe {
            let p = ffi::sqlite3_column_text(self.stmt, col as c_int);
            let n = ffi::sqlite3_column_bytes(self.stmt, col as c_int) as usize;
            if p.is_null() {
                return Ok(String::new());
            }
            std::str::from_utf8(std::slice::from_raw_parts(p, n))
                .map(str::to_string)
                .map_err(|e| format!("column {col} is not UTF-8: {e}"))
        }
    }

    pub(crate) fn opt_text(&self, col: usize) -> Result<Option<String>, String> {
        if self.is_null(col) {
            Ok(None)
        } else {
            self.text(col).map(Some)
        }
    }

    pub(crate) fn double(&self, col: usize) -> f64 {
        // Safety: called on the current row.
        unsafe { ffi::sqlite3_column_double(self.stmt, col as c_int) }
    }

    pub(crate) fn opt_double(&self, col: usize) -> Option<f64> {
        (!self.is_null(col)).then(|| self.double(col))
    }
}

impl Drop for Stmt<'_> {
    fn drop(&mut self) {
        // Safety: prepared in `prepare` and finalised once.
        unsafe { ffi::sqlite3_finalize(self.stmt) };
    }
}
