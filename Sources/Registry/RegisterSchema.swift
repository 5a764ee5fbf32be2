import GRDB

/// The register's schema, as a sequence of named migrations.
///
/// Migrations are frozen once shipped: literal SQL values here never follow later
/// changes to Swift enums. Add a new migration instead of editing one.
enum RegisterSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("createIncomingDocument") { db in
            try db.create(table: "incoming_document") { t in
                t.primaryKey("id", .text)
                t.column("arrival_year", .integer)
                t.column("arrival_number", .integer).check { $0 > 0 }
                // The backstop for "no duplicates": allocation already happens under the write lock.
                t.uniqueKey(["arrival_year", "arrival_number"])
                t.column("arrived_at", .text).notNull().indexed()
                t.column("source_kind", .text).notNull()
                t.column("source_name", .text).notNull()
                t.column("original_file_name", .text).notNull()
                t.column("original_sha256", .text).notNull().unique()
                t.column("page_count", .integer).notNull().check { $0 > 0 }
                t.column("status", .text).notNull().indexed()
                t.column("pdf_path", .text).notNull()

                // Phụ lục VI fields, filled later by recognition or by the clerk.
                t.column("type_name", .text)
                t.column("code_number", .text)
                t.column("code_notation", .text)
                t.column("issued_date", .text)
                t.column("organ_name", .text)
                t.column("parent_organ_name", .text)
                t.column("place_name", .text)
                t.column("subject", .text)
                t.column("signer_position", .text)
                t.column("signer_name", .text)
                t.column("signing_authority", .text)
                t.column("priority", .integer).check { $0 >= 0 && $0 <= 4 }
                t.column("secrecy", .text)
                t.column("to_places", .text)
                t.column("recipients", .text)
                t.column("description", .text)
                t.column("language", .text)
                t.column("due_date", .text)

                t.column("created_at", .text).notNull()
                t.column("updated_at", .text).notNull()

                t.check(sql: "(arrival_year IS NULL) = (arrival_number IS NULL)")
                // Confidential documents never get a number of the shared register; all others do.
                t.check(sql: "(status = 'confidential_hold') = (arrival_number IS NULL)")
            }
            // A number once given is never reused or changed: the paper register is bound.
            try db.execute(sql: """
                CREATE TRIGGER incoming_document_keep_registered
                BEFORE DELETE ON incoming_document
                WHEN OLD.arrival_number IS NOT NULL
                BEGIN
                    SELECT RAISE(ABORT, 'a registered document cannot be deleted: its arrival number must never be reused');
                END;
                CREATE TRIGGER incoming_document_keep_arrival_number
                BEFORE UPDATE OF arrival_year, arrival_number ON incoming_document
                WHEN OLD.arrival_number IS NOT NULL
                    AND (NEW.arrival_year IS NOT OLD.arrival_year OR NEW.arrival_number IS NOT OLD.arrival_number)
                BEGIN
                    SELECT RAISE(ABORT, 'an arrival number cannot be changed once given');
                END;
                """)
        }

        migrator.registerMigration("createDocumentPage") { db in
            try db.create(table: "document_page") { t in
                // An integer key so that the full-text index can use it as its rowid.
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .text).notNull().references("incoming_document")
                t.column("page_number", .integer).notNull().check { $0 > 0 }
                t.column("ocr_text", .text)
                t.column("mean_confidence", .double).notNull()
                t.column("width", .integer).notNull()
                t.column("height", .integer).notNull()
                t.column("dpi", .integer).notNull()
                t.column("rotation", .integer).notNull()
                t.uniqueKey(["document_id", "page_number"])
            }
        }

        migrator.registerMigration("createDocumentEvent") { db in
            try db.create(table: "document_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .text).indexed().references("incoming_document")
                t.column("kind", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("at", .text).notNull()
                t.column("detail", .text).notNull().defaults(to: "{}")
            }
            // The history is evidence of who did what: it is only ever appended to.
            try db.execute(sql: """
                CREATE TRIGGER document_event_no_update
                BEFORE UPDATE ON document_event
                BEGIN
                    SELECT RAISE(ABORT, 'document_event is append-only: events cannot be changed');
                END;
                CREATE TRIGGER document_event_no_delete
                BEFORE DELETE ON document_event
                BEGIN
                    SELECT RAISE(ABORT, 'document_event is append-only: events cannot be deleted');
                END;
                """)
        }

        migrator.registerMigration("createIngestFailure") { db in
            try db.create(table: "ingest_failure") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_name", .text).notNull()
                t.column("original_file_name", .text).notNull()
                t.column("sha256", .text).indexed()
                t.column("reason", .text).notNull()
                t.column("failed_at", .text).notNull()
                t.column("stored_path", .text)   // NULL: the file could not be moved aside (or never existed)
                t.column("retried", .boolean).notNull().defaults(to: false)
            }
        }

        migrator.registerMigration("createPageSearch") { db in
            // External content: the text lives once, in document_page; GRDB's triggers
            // keep the index in step with inserts, updates and deletes.
            try db.create(virtualTable: "document_page_fts", using: FTS5()) { t in
                t.synchronize(withTable: "document_page")
                t.tokenizer = VietnameseTokenizer.tokenizerDescriptor()
                t.column("ocr_text")
            }
        }

        migrator.registerMigration("addFieldReadings") { db in
            try db.alter(table: "incoming_document") { t in
                t.add(column: "has_arrival_stamp", .boolean)
                // JSON object: field name → FieldReading (value, confidence, page, box).
                t.add(column: "field_readings", .text).notNull().defaults(to: "{}")
                // JSON array of the required fields a supervisor must check.
                t.add(column: "doubtful_fields", .text).notNull().defaults(to: "[]")
                // The earlier registration of the same number + symbol + sender, if any.
                t.add(column: "duplicate_of", .text).references("incoming_document")
            }
        }

        // Issue 5 (web app): accounts, sessions, assignments, and indexes for the review screens.
        migrator.registerMigration("createAccountsAndSessions") { db in
            try db.create(table: "app_user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("username", .text).notNull().unique()
                t.column("display_name", .text).notNull()
                t.column("role", .text).notNull().check(sql: "role IN ('clerk', 'supervisor', 'leader', 'admin')")
                t.column("password_hash", .text).notNull()
                t.column("must_change_password", .boolean).notNull()
                t.column("disabled", .boolean).notNull()
                t.column("failed_logins", .integer).notNull()
                t.column("locked_until", .text)
                t.column("created_at", .text).notNull()
                t.column("password_changed_at", .text)
                t.column("last_login_at", .text)
            }
            // Accounts keep the history whole: disabled, never deleted.
            try db.execute(sql: """
                CREATE TRIGGER app_user_keep
                BEFORE DELETE ON app_user
                BEGIN
                    SELECT RAISE(ABORT, 'accounts are never deleted, only disabled');
                END;
                """)
            try db.create(table: "web_session") { t in
                t.primaryKey("token", .text)
                t.column("user_id", .integer).notNull().indexed().references("app_user")
                t.column("csrf_token", .text).notNull()
                t.column("created_at", .text).notNull()
                t.column("expires_at", .text).notNull().indexed()
            }
        }

        migrator.registerMigration("createReviewTables") { db in
            try db.create(table: "document_assignment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .text).notNull().indexed().references("incoming_document")
                t.column("assignee", .text).notNull()
                t.column("role", .text).notNull().check(sql: "role IN ('lead', 'support')")
                t.column("instruction", .text)
                t.column("due_date", .text)
                t.column("assigned_by", .text).notNull()
                t.column("assigned_at", .text).notNull()
            }
            // Queue order: urgent first, then arrival number.
            try db.execute(sql: """
                CREATE INDEX incoming_document_queue
                ON incoming_document(status, COALESCE(priority, 0) DESC, arrival_year, arrival_number);
                CREATE INDEX incoming_document_code ON incoming_document(code_number, code_notation);
                CREATE INDEX document_event_kind ON document_event(kind);
                """)
            // The main fields, searchable like the OCR text ("quyet dinh" finds "Quyết định").
            try db.create(virtualTable: "document_field_fts", using: FTS5()) { t in
                t.synchronize(withTable: "incoming_document")
                t.tokenizer = VietnameseTokenizer.tokenizerDescriptor()
                t.column("type_name")
                t.column("code_number")
                t.column("code_notation")
                t.column("organ_name")
                t.column("subject")
                t.column("signer_name")
            }
        }

        return migrator
    }()
}
