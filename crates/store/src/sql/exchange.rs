use super::*;
use backbone_core::community_assets::CommunityAsset;

#[async_trait::async_trait]
impl ExchangeStore for This {
    async fn export_initiative(&self, initiative_id: Id) -> StoreResult<InitiativeExport> {
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        let initiative = Self::initiative_tx(&mut tx, initiative_id).await?;
        tx.rollback().await.map_err(db_err)?;
        let mut agenda_versions = self.agenda_versions(initiative_id).await?;
        agenda_versions.reverse();
        let mut audit = Vec::new();
        let mut before_id = None;
        loop {
            let page = AuditStore::audit(
                self,
                &AuditQuery { initiative_id: Some(initiative_id), entity: None, before_id, limit: 500 },
            )
            .await?;
            let done = page.len() < 500;
            before_id = page.last().map(|a| a.id);
            audit.extend(page);
            if done {
                break;
            }
        }
        audit.reverse();
        let roles = self.grants_in_initiative(initiative_id).await?;
        let endorsements = self.endorsements(initiative_id, None).await?;
        let mut user_ids: Vec<Id> = roles.iter().map(|r| r.user_id).collect();
        user_ids.extend(agenda_versions.iter().filter_map(|v| v.author_user_id));
        user_ids.extend(endorsements.iter().filter_map(|e| e.endorsed_by_user_id));
        user_ids.extend(audit.iter().filter_map(|a| a.actor_user_id));
        let people = self.people(initiative_id).await?;
        user_ids.extend(people.iter().filter_map(|p| p.user_id));
        user_ids.sort_unstable();
        user_ids.dedup();
        let mut users = Vec::new();
        for id in user_ids {
            users.push(self.user(id).await?);
        }
        let mut observations: Vec<ObservationExport> = Vec::new();
        let rows = sqlx::query_as::<_, ObservationRow>(&format!(
            "{OBSERVATION_SELECT} WHERE i.initiative_id = $1 ORDER BY o.id"
        ))
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let mut history: HashMap<Id, Vec<ObservationRevision>> = HashMap::new();
        let revs = sqlx::query_as::<_, (i64, i64, f64, Option<f64>, String, Option<String>, String, DateTime<Utc>)>(
            // The document's history ends with the current state, as the history page shows it.
            "SELECT observation_id, revision, numerator, denominator, status, note, actor_name, at
             FROM (SELECT r.observation_id, 0 AS k, r.id AS seq, r.revision, r.numerator, r.denominator, r.status,
                 r.note, r.actor_name, r.at
                  FROM observation_revisions r
                  JOIN observations o ON o.id = r.observation_id
                  JOIN indicators i ON i.id = o.indicator_id
                  WHERE i.initiative_id = $1
                  UNION ALL
                  SELECT o.id, 1, o.id, o.revision, o.numerator, o.denominator, o.status, o.return_reason,
                      o.updated_by, o.updated_at
                  FROM observations o
                  JOIN indicators i ON i.id = o.indicator_id
                  WHERE i.initiative_id = $1) h
             ORDER BY observation_id, k, seq",
        )
        .bind(initiative_id)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        for (oid, revision, numerator, denominator, status, note, actor_name, at) in revs {
            let status = ObservationStatus::parse(&status)
                .ok_or_else(|| StoreError::Backend(format!("unknown status {status}")))?;
            history.entry(oid).or_default().push(ObservationRevision {
                revision,
                numerator,
                denominator,
                status,
                note,
                actor_name,
                at,
            });
        }
        let (submissions, submission_of) = self.submissions_for_export(initiative_id).await?;
        for r in rows {
            let o = r.into_domain()?;
            observations.push(ObservationExport {
                submission_id: submission_of.get(&o.id).copied(),
                history: history.remove(&o.id).unwrap_or_default(),
                indicator: o.indicator_key,
                period: o.period,
                geography: o.geography,
                groups: o.groups,
                organization_id: o.organization_id,
                numerator: o.numerator,
                denominator: o.denominator,
                status: o.status,
                return_reason: o.return_reason,
                revision: o.revision,
                updated_at: o.updated_at,
                approved: o.approved,
            });
        }
        let mut meetings = Vec::new();
        for m in self.meetings(initiative_id, &Default::default()).await? {
            let attendance = self.attendance(initiative_id, m.id).await?;
            meetings.push(MeetingExport { meeting: m, attendance });
        }
        let mut decisions = Vec::new();
        for d in self.decisions(initiative_id, &Default::default()).await? {
            let votes = self.votes(initiative_id, d.id).await?;
            decisions.push(DecisionExport { decision: d, votes });
        }
        decisions.reverse();
        let mut commitments = Vec::new();
        for c in self.commitments(initiative_id, &Default::default()).await? {
            let history = self.commitment_history(initiative_id, c.id).await?;
            commitments.push(CommitmentExport { commitment: c, history });
        }
        let mut cycles = self.cycles(initiative_id, None).await?;
        cycles.reverse();
        let mut lessons = self.lessons(initiative_id, &Default::default()).await?;
        lessons.reverse();
        let mut charters = Vec::new();
        for t in self.tables(initiative_id).await? {
            let mut versions = self.charter_versions(initiative_id, t.id).await?;
            versions.reverse();
            for version in versions {
                let endorsements = self.charter_endorsements(initiative_id, version.id).await?;
                charters.push(CharterExport { version, endorsements });
            }
        }
        let indicators = self.indicators(initiative_id).await?;
        let mut curve_plans = Vec::new();
        for ind in &indicators {
            for p in self.curve_plans(initiative_id, &ind.key).await? {
                let mut versions = self.curve_plan_versions(initiative_id, p.id).await?;
                versions.reverse();
                curve_plans.push(CurvePlanExport {
                    id: p.id,
                    indicator_key: p.indicator_key,
                    table_id: p.table_id,
                    versions,
                    committed: p.committed,
                });
            }
        }
        let table_compositions = self
            .composition_history(initiative_id, None)
            .await?
            .into_iter()
            .map(|(table_id, snapshot)| CompositionExport { table_id, snapshot })
            .collect();
        let mut survey_rounds = Vec::new();
        for round in self.survey_rounds(initiative_id).await?.into_iter().rev() {
            let responses = self.responses(initiative_id, round.id).await?;
            survey_rounds.push(SurveyRoundExport { round, responses });
        }
        let mut feedback = self.feedback(initiative_id, None, None).await?;
        feedback.reverse();
        let mut join_requests = self.join_requests(initiative_id, None, None).await?;
        join_requests.reverse();
        let content_language = self.content_language(initiative_id).await?;
        let mut community_assets = Vec::new();
        for a in self.community_assets(initiative_id, true).await? {
            let versions = self.community_asset_history(initiative_id, a.id).await?;
            community_assets.push(CommunityAssetExport { versions });
        }
        let mut assessment_rounds = Vec::new();
        for round in self.assessment_rounds(initiative_id, None).await?.into_iter().rev() {
            let answers = self.assessment_answers(initiative_id, round.id).await?;
            assessment_rounds.push(AssessmentRoundExport { round, answers });
        }
        Ok(InitiativeExport {
            submissions,
            place_boundaries: self.boundary_versions(initiative_id).await?,
            assessment_rounds,
            feedback,
            join_requests,
            content_language: Some(content_language),
            translations: self.translation_history(initiative_id).await?,
            community_assets,
            survey_rounds,
            community_profiles: self.community_profiles(initiative_id).await?,
            table_compositions,
            charters,
            curve_plans,
            cycles,
            lessons,
            decisions,
            meetings,
            commitments,
            activities: self.activities(initiative_id, &Default::default()).await?,
            indicators,
            geographies: self.geographies(initiative_id).await?,
            dimensions: self.dimensions(initiative_id).await?,
            observations,
            format: EXPORT_FORMAT,
            preconditions: self.preconditions(initiative_id).await?,
            users,
            roles,
            organizations: self.organizations(initiative_id).await?,
            people,
            tables: self.tables(initiative_id).await?,
            memberships: self.memberships(initiative_id, None, None).await?,
            agenda_versions,
            endorsements,
            audit,
            initiative,
        })
    }

    async fn import_initiative(
        &self,
        actor: &Actor,
        doc: &InitiativeExport,
        slug: Option<&str>,
    ) -> StoreResult<Initiative> {
        doc.validate(self.years)?;
        let slug = slug.unwrap_or(&doc.initiative.slug);
        let mut inv = backbone_core::Invalid::new();
        check_slug(&mut inv, "slug", slug);
        inv.into_result()?;
        let now = Utc::now();
        let mut tx = self.begin().await?;
        let src = &doc.initiative;
        let iid: Id = sqlx::query_scalar(
            "INSERT INTO initiatives (slug, name, description, phase, published, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id",
        )
        .bind(slug)
        .bind(&src.name)
        .bind(&src.description)
        .bind(src.phase.as_str())
        .bind(src.published)
        .bind(src.created_at)
        .fetch_one(&mut *tx)
        .await
        .map_err(db_err)?;
        for p in &doc.preconditions {
            sqlx::query(
                "INSERT INTO preconditions (initiative_id, kind, readiness, evidence, updated_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(iid)
            .bind(p.kind.as_str())
            .bind(p.readiness.as_str())
            .bind(&p.evidence)
            .bind(p.updated_at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        // Users are matched by username; new ones arrive without a password.
        let mut users: HashMap<Id, Id> = HashMap::new();
        for u in &doc.users {
            let id = match Self::user_by_name_tx(&mut tx, &u.username).await? {
                Some(existing) => existing.id,
                None => sqlx::query_scalar(
                    "INSERT INTO users (username, display_name, password_hash, server_admin, disabled, created_at)
                     VALUES ($1, $2, NULL, FALSE, $3, $4)
                     RETURNING id",
                )
                .bind(&u.username)
                .bind(&u.display_name)
                .bind(u.disabled)
                .bind(u.created_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(db_err)?,
            };
            users.insert(u.id, id);
        }
        let mut orgs: HashMap<Id, Id> = HashMap::new();
        for o in &doc.organizations {
            orgs.insert(o.id, Self::insert_org(&mut tx, iid, &org_input(o), o.created_at, o.updated_at).await?);
        }
        let mut people: HashMap<Id, Id> = HashMap::new();
        for p in &doc.people {
            let mut input = person_input(p);
            input.organization_id = p.organization_id.map(|o| orgs[&o]);
            let id = Self::insert_person(&mut tx, iid, &input, p.created_at, p.updated_at).await?;
            if let Some(u) = p.user_id {
                sqlx::query("UPDATE people SET user_id = $1 WHERE id = $2")
                    .bind(users[&u])
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .map_err(db_err)?;
            }
            people.insert(p.id, id);
        }
        let mut tables: HashMap<Id, Id> = HashMap::new();
        for t in &doc.tables {
            let input = TableInput {
                name: t.name.clone(),
                kind: t.kind,
                purpose: t.purpose.clone(),
                result_key: t.result_key.clone(),
                joining: t.joining.clone(),
            };
            tables.insert(t.id, Self::insert_table(&mut tx, iid, &input, t.created_at).await?);
        }
        let mut memberships: HashMap<Id, Id> = HashMap::new();
        for m in &doc.memberships {
            let input = MembershipInput {
                person_id: people[&m.person_id],
                role: m.role,
                start_date: m.start_date,
                end_date: m.end_date,
            };
            memberships.insert(m.id, Self::insert_membership(&mut tx, tables[&m.table_id], &input).await?);
        }
        for v in &doc.agenda_versions {
            let input = AgendaInput {
                problem_statement: v.problem_statement.clone(),
                shared_vision: v.shared_vision.clone(),
                results: v.results.clone(),
                reason: v.reason.clone(),
                based_on: v.number - 1,
            };
            let author = v.author_user_id.map(|u| users[&u]);
            Self::insert_agenda(&mut tx, iid, v.number, &input, author, &v.author_name, v.created_at).await?;
        }
        for e in &doc.endorsements {
            sqlx::query(
                "INSERT INTO endorsements (initiative_id, version, organization_id, endorsed_by_user_id,
                     endorsed_by_name, note, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(iid)
            .bind(e.version)
            .bind(orgs[&e.organization_id])
            .bind(e.endorsed_by_user_id.map(|u| users[&u]))
            .bind(&e.endorsed_by_name)
            .bind(&e.note)
            .bind(e.created_at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        for r in &doc.roles {
            sqlx::query(
                "INSERT INTO role_grants (user_id, initiative_id, role, organization_id, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(users[&r.user_id])
            .bind(iid)
            .bind(r.role.as_str())
            .bind(r.organization_id.map(|o| orgs[&o]))
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        for g in &doc.geographies {
            sqlx::query(
                "INSERT INTO geographies (initiative_id, code, name, level, parent)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(iid)
            .bind(&g.code)
            .bind(&g.name)
            .bind(g.level.as_str())
            .bind(g.parent.as_deref())
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        for d in &doc.dimensions {
            sqlx::query(
                "INSERT INTO dimensions (initiative_id, key, name, vals)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(iid)
            .bind(&d.key)
            .bind(&d.name)
            .bind(to_json(&d.values))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        let mut indicators: HashMap<String, Id> = HashMap::new();
        for ind in &doc.indicators {
            let id: Id = sqlx::query_scalar(
                "INSERT INTO indicators (initiative_id, key, name, description, numerator_definition,
                     denominator_definition, unit, direction, period_kind, source, level, result_key,
                     owner_organization_id, baseline_period, targets, suppression_threshold, published, created_at,
                     updated_at, min_gap_change, disclosure_rule, submitters, report_due_days)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                     $22, $23)
                 RETURNING id",
            )
            .bind(iid)
            .bind(&ind.key)
            .bind(&ind.name)
            .bind(&ind.description)
            .bind(&ind.numerator_definition)
            .bind(&ind.denominator_definition)
            .bind(ind.unit.as_str())
            .bind(ind.direction.as_str())
            .bind(ind.period_kind.as_str())
            .bind(&ind.source)
            .bind(ind.level.as_str())
            .bind(ind.result_key.as_deref())
            .bind(ind.owner_organization_id.map(|o| orgs[&o]))
            .bind(ind.baseline_period.as_deref())
            .bind(to_json(&ind.targets))
            .bind(ind.suppression_threshold as i64)
            .bind(ind.published)
            .bind(ind.created_at)
            .bind(ind.updated_at)
            .bind(ind.min_gap_change)
            .bind(ind.disclosure_rule.as_str())
            .bind(to_json(&ind.submitters.iter().map(|o| orgs[o]).collect::<Vec<Id>>()))
            .bind(ind.report_due_days.map(i64::from))
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            indicators.insert(ind.key.clone(), id);
        }
        let submissions = Self::import_submissions(&mut tx, iid, &doc.submissions, &orgs).await?;
        for o in &doc.observations {
            let current = o.history.last().filter(|r| {
                (r.revision, r.numerator, r.denominator, r.status) == (o.revision, o.numerator, o.denominator, o.status)
            });
            let oid: Id = sqlx::query_scalar(
                "INSERT INTO observations (indicator_id, period, geography, groups, organization_id, numerator,
                     denominator, status, return_reason, revision, updated_at, updated_by, approved_numerator,
                     approved_denominator, submission_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                 RETURNING id",
            )
            .bind(indicators[&o.indicator])
            .bind(&o.period)
            .bind(&o.geography)
            .bind(groups_key(&o.groups))
            .bind(orgs[&o.organization_id])
            .bind(o.numerator)
            .bind(o.denominator)
            .bind(o.status.as_str())
            .bind(o.return_reason.as_deref())
            .bind(o.revision)
            .bind(o.updated_at)
            .bind(current.map(|r| r.actor_name.as_str()).unwrap_or(""))
            .bind(o.approved_values().map(|a| a.numerator))
            .bind(o.approved_values().and_then(|a| a.denominator))
            .bind(o.submission_id.map(|s| submissions[&s]))
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            // The document's last entry is normally the current state, which the row holds.
            let earlier = if current.is_some() { o.history.len() - 1 } else { o.history.len() };
            for r in &o.history[..earlier] {
                sqlx::query(
                    "INSERT INTO observation_revisions (observation_id, revision, numerator, denominator, status, note,
                          actor_name, at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(oid)
                .bind(r.revision)
                .bind(r.numerator)
                .bind(r.denominator)
                .bind(r.status.as_str())
                .bind(r.note.as_deref())
                .bind(&r.actor_name)
                .bind(r.at)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        Self::recount_submissions(&mut tx, iid).await?;
        let mut activities: HashMap<Id, Id> = HashMap::new();
        for a in &doc.activities {
            let mut input = activity_input(a);
            input.organization_id = orgs[&a.organization_id];
            activities.insert(a.id, Self::insert_activity(&mut tx, iid, &input, a.created_at, a.updated_at).await?);
        }
        let mut meetings: HashMap<Id, Id> = HashMap::new();
        for e in &doc.meetings {
            let m = &e.meeting;
            let mut input = meeting_input(m);
            input.table_id = tables[&m.table_id];
            for item in &mut input.agenda {
                item.lead_person_id = item.lead_person_id.map(|p| people[&p]);
            }
            let id = Self::insert_meeting(&mut tx, iid, &input, (m.created_at, m.updated_at)).await?;
            meetings.insert(m.id, id);
            for a in &e.attendance {
                sqlx::query(
                    "INSERT INTO meeting_attendance (meeting_id, person_id, status)
                     VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(people[&a.person_id])
                .bind(a.status.as_str())
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        Self::recount_all_attendance_days(&mut tx, iid).await?;
        let mut decisions: HashMap<Id, Id> = HashMap::new();
        for e in &doc.decisions {
            let d = &e.decision;
            let mut input = decision_input(d);
            input.table_id = tables[&d.table_id];
            input.meeting_id = d.meeting_id.map(|m| meetings[&m]);
            let id =
                Self::insert_decision(&mut tx, iid, &input, d.outcome.as_ref(), (d.created_at, d.updated_at)).await?;
            decisions.insert(d.id, id);
            for v in &e.votes {
                sqlx::query(
                    "INSERT INTO votes (decision_id, person_id, organization_id, ballot, at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(v.person_id.map(|p| people[&p]))
                .bind(v.organization_id.map(|o| orgs[&o]))
                .bind(to_json(&v.ballot))
                .bind(v.at)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        let mut commitments: HashMap<Id, Id> = HashMap::new();
        for e in &doc.commitments {
            let c = &e.commitment;
            let mut input = commitment_input(c);
            input.organization_id = c.organization_id.map(|o| orgs[&o]);
            input.person_id = c.person_id.map(|p| people[&p]);
            input.activity_id = c.activity_id.map(|a| activities[&a]);
            input.table_id = c.table_id.map(|t| tables[&t]);
            input.meeting_id = c.meeting_id.map(|m| meetings[&m]);
            input.decision_id = c.decision_id.map(|d| decisions[&d]);
            let id = Self::insert_commitment(
                &mut tx,
                iid,
                &input,
                c.status,
                &c.reason,
                c.done_on,
                (c.created_at, c.updated_at),
            )
            .await?;
            commitments.insert(c.id, id);
            for h in &e.history {
                sqlx::query(
                    "INSERT INTO commitment_events (commitment_id, status, reason, due_on, actor_name, at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(h.status.as_str())
                .bind(&h.reason)
                .bind(h.due_on)
                .bind(&h.actor_name)
                .bind(h.at)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        let mut cycles: HashMap<Id, Id> = HashMap::new();
        for c in &doc.cycles {
            let mut input = cycle_input(c);
            input.table_id = c.table_id.map(|t| tables[&t]);
            input.organization_id = c.organization_id.map(|o| orgs[&o]);
            let made = Self::insert_cycle(&mut tx, iid, &input, (c.created_at, c.updated_at)).await?;
            cycles.insert(c.id, made.id);
        }
        for l in &doc.lessons {
            let mut input = lesson_input(l);
            input.organization_id = l.organization_id.map(|o| orgs[&o]);
            input.cycle_id = l.cycle_id.map(|c| cycles[&c]);
            Self::insert_lesson(&mut tx, iid, &input, &l.author_name, l.created_at).await?;
        }
        for c in &doc.charters {
            let v = &c.version;
            let vid: Id = sqlx::query_scalar(
                "INSERT INTO charter_versions (table_id, version, charter_values, roles, decision_making, conflict, reason,
                     author_name, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(tables[&v.table_id])
            .bind(i64::from(v.version))
            .bind(&v.values)
            .bind(&v.roles)
            .bind(&v.decision_making)
            .bind(&v.conflict)
            .bind(&v.reason)
            .bind(&v.author_name)
            .bind(v.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            for e in &c.endorsements {
                sqlx::query(
                    "INSERT INTO charter_endorsements (version_id, person_id, comment, at) VALUES ($1, $2, $3, $4)",
                )
                .bind(vid)
                .bind(people[&e.person_id])
                .bind(&e.comment)
                .bind(e.at)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        let mut curve_plans: HashMap<Id, Id> = HashMap::new();
        for p in &doc.curve_plans {
            let created_at = p.versions.first().map(|v| v.created_at).unwrap_or(now);
            let pid: Id = sqlx::query_scalar(
                "INSERT INTO curve_plans (initiative_id, indicator_id, table_id, created_at) VALUES ($1, $2, $3, $4)
                 RETURNING id",
            )
            .bind(iid)
            .bind(indicators[&p.indicator_key])
            .bind(tables[&p.table_id])
            .bind(created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            curve_plans.insert(p.id, pid);
            for v in &p.versions {
                let partners: Vec<_> = v
                    .partners
                    .iter()
                    .map(|r| backbone_core::turn_the_curve::PartnerRole {
                        organization_id: r.organization_id.map(|o| orgs[&o]),
                        ..r.clone()
                    })
                    .collect();
                let actions: Vec<_> = v
                    .actions
                    .iter()
                    .map(|a| backbone_core::turn_the_curve::Action {
                        organization_id: a.organization_id.map(|o| orgs[&o]),
                        ..a.clone()
                    })
                    .collect();
                sqlx::query(
                    "INSERT INTO curve_plan_versions (plan_id, version, story, partners, what_works, actions, reason,
                         author_name, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(pid)
                .bind(i64::from(v.version))
                .bind(to_json(&v.story))
                .bind(to_json(&partners))
                .bind(to_json(&v.what_works))
                .bind(to_json(&actions))
                .bind(&v.reason)
                .bind(&v.author_name)
                .bind(v.created_at)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
            for c in &p.committed {
                sqlx::query(
                    "INSERT INTO curve_plan_commitments (plan_id, action_key, commitment_id) VALUES ($1, $2, $3)",
                )
                .bind(pid)
                .bind(&c.action_key)
                .bind(commitments[&c.commitment_id])
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        for p in &doc.community_profiles {
            let pid: Id = sqlx::query_scalar(
                "INSERT INTO community_profiles (initiative_id, source, recorded_at, recorded_by)
                 VALUES ($1, $2, $3, $4)
                 RETURNING id",
            )
            .bind(iid)
            .bind(&p.source)
            .bind(p.recorded_at)
            .bind(&p.recorded_by)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            Self::insert_estimates(&mut tx, pid, &p.estimates).await?;
        }
        for s in &doc.survey_rounds {
            let rid: Id = sqlx::query_scalar(
                "INSERT INTO survey_rounds (initiative_id, name, opens_on, closes_on, closed_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 RETURNING id",
            )
            .bind(iid)
            .bind(&s.round.name)
            .bind(s.round.opens_on)
            .bind(s.round.closes_on)
            .bind(s.round.closed_at)
            .bind(s.round.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            for r in &s.responses {
                let ratings: Vec<backbone_core::network::PartnerRating> = r
                    .ratings
                    .iter()
                    .map(|x| backbone_core::network::PartnerRating { about: orgs[&x.about], ..x.clone() })
                    .collect();
                sqlx::query(
                    "INSERT INTO survey_responses (round_id, organization_id, ratings, submitted_at, submitted_by)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(rid)
                .bind(orgs[&r.organization_id])
                .bind(to_json(&ratings))
                .bind(r.submitted_at)
                .bind(&r.submitted_by)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        for f in &doc.feedback {
            sqlx::query(
                "INSERT INTO feedback (initiative_id, indicator_key, matches, comment, name, contact, language, status,
                     moderation_note, reply_text, reply_by, reply_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(iid)
            .bind(&f.indicator_key)
            .bind(f.matches.as_str())
            .bind(&f.comment)
            .bind(&f.name)
            .bind(&f.contact)
            .bind(&f.language)
            .bind(f.status.as_str())
            .bind(&f.moderation_note)
            .bind(f.reply.as_ref().map(|r| r.text.clone()))
            .bind(f.reply.as_ref().map(|r| r.by.clone()))
            .bind(f.reply.as_ref().map(|r| r.at))
            .bind(f.created_at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        for r in &doc.join_requests {
            sqlx::query(
                "INSERT INTO join_requests (initiative_id, table_id, name, email, phone, neighborhood, message, language,
                     status, note, person_id, decided_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(iid)
            .bind(tables[&r.table_id])
            .bind(&r.name)
            .bind(&r.email)
            .bind(&r.phone)
            .bind(&r.neighborhood)
            .bind(&r.message)
            .bind(&r.language)
            .bind(r.status.as_str())
            .bind(&r.note)
            .bind(r.person_id.map(|p| people[&p]))
            .bind(r.decided_at)
            .bind(r.created_at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        if let Some(lang) = &doc.content_language {
            Self::write_content_language(&mut tx, iid, lang).await?;
        }
        for t in &doc.translations {
            let mut t = t.clone();
            if t.subject == backbone_core::translations::Subject::Table {
                t.key = t.key.parse::<Id>().map(|id| tables[&id].to_string()).unwrap_or(t.key);
            }
            Self::insert_translation(&mut tx, iid, &t).await?;
        }
        let mut assets: HashMap<Id, Id> = HashMap::new();
        for a in &doc.community_assets {
            let Some(first) = a.versions.first() else { continue };
            let id =
                Self::insert_community_asset(&mut tx, &CommunityAsset { initiative_id: iid, ..first.clone() }).await?;
            assets.insert(first.id, id);
            for v in &a.versions {
                Self::write_asset_state(&mut tx, &CommunityAsset { id, initiative_id: iid, ..v.clone() }).await?;
            }
        }
        for set in &doc.place_boundaries {
            let set = backbone_core::maps::BoundarySet { initiative_id: iid, ..set.clone() };
            Self::insert_boundary_set(&mut tx, &set).await?;
        }
        for a in &doc.assessment_rounds {
            let rid: Id = sqlx::query_scalar(
                "INSERT INTO assessment_rounds (table_id, title, opens_on, closes_on, instrument_version, closed_at,
                     created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 RETURNING id",
            )
            .bind(tables[&a.round.table_id])
            .bind(&a.round.title)
            .bind(a.round.opens_on)
            .bind(a.round.closes_on)
            .bind(i64::from(a.round.instrument_version))
            .bind(a.round.closed_at)
            .bind(a.round.created_at)
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
            for r in &a.answers {
                sqlx::query(
                    "INSERT INTO assessment_answers (round_id, person_id, answers, submitted_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(rid)
                .bind(people[&r.person_id])
                .bind(to_json(&r.answers))
                .bind(r.submitted_at)
                .execute(&mut *tx)
                .await
                .map_err(db_err)?;
            }
        }
        for c in &doc.table_compositions {
            let members: backbone_core::tables::composition::Fingerprints =
                c.snapshot.members.iter().map(|(person, f)| (people[person], *f)).collect();
            sqlx::query(
                "INSERT INTO table_compositions (table_id, published_at, members, composition, version)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(tables[&c.table_id])
            .bind(c.snapshot.composition.as_of)
            .bind(to_json(&members))
            .bind(to_json(&c.snapshot.composition))
            .bind(i64::from(c.snapshot.version))
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        // The history comes along; ids inside its before/after snapshots are the source's.
        for a in &doc.audit {
            let entity_id = a.entity_id.map(|id| match a.entity.as_str() {
                "initiative" => iid,
                "organization" => *orgs.get(&id).unwrap_or(&id),
                "person" => *people.get(&id).unwrap_or(&id),
                "table" => *tables.get(&id).unwrap_or(&id),
                "membership" => *memberships.get(&id).unwrap_or(&id),
                "activity" => *activities.get(&id).unwrap_or(&id),
                "commitment" => *commitments.get(&id).unwrap_or(&id),
                "meeting" => *meetings.get(&id).unwrap_or(&id),
                "decision" => *decisions.get(&id).unwrap_or(&id),
                "curve_plan" => *curve_plans.get(&id).unwrap_or(&id),
                "community_asset" => *assets.get(&id).unwrap_or(&id),
                "user" => *users.get(&id).unwrap_or(&id),
                _ => id,
            });
            sqlx::query(
                "INSERT INTO audit_log (initiative_id, actor_user_id, actor_name, action, entity, entity_id,
                     before_json, after_json, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(iid)
            .bind(a.actor_user_id.and_then(|u| users.get(&u).copied()))
            .bind(&a.actor_name)
            .bind(&a.action)
            .bind(&a.entity)
            .bind(entity_id)
            // A person's demographic answers never enter the audit log (a document written
            // before that rule may still carry them).
            .bind(a.before.as_ref().map(|v| audit_json_without_answers(&to_json(v))))
            .bind(a.after.as_ref().map(|v| audit_json_without_answers(&to_json(v))))
            .bind(a.at)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?;
        }
        Self::refresh_all_published(&mut tx, iid, None, &backbone_core::progress::Silent).await?;
        let created = Self::initiative_tx(&mut tx, iid).await?;
        let summary = serde_json::json!({
            "slug": slug, "organizations": doc.organizations.len(), "people": doc.people.len(),
            "tables": doc.tables.len(), "agenda_versions": doc.agenda_versions.len(),
            "activities": doc.activities.len(), "commitments": doc.commitments.len(),
            "meetings": doc.meetings.len(), "decisions": doc.decisions.len(),
            "cycles": doc.cycles.len(), "lessons": doc.lessons.len(),
            "charter_versions": doc.charters.len(), "curve_plans": doc.curve_plans.len(),
            "community_profiles": doc.community_profiles.len(), "table_compositions": doc.table_compositions.len(),
            "survey_rounds": doc.survey_rounds.len(), "feedback": doc.feedback.len(), "join_requests": doc.join_requests.len(), "translations": doc.translations.len(),
            "survey_rounds": doc.survey_rounds.len(), "feedback": doc.feedback.len(), "join_requests": doc.join_requests.len(),
            "community_assets": doc.community_assets.len(), "boundary_versions": doc.place_boundaries.len(),
            "assessment_rounds": doc.assessment_rounds.len(),
        });
        Self::audit(
            &mut tx,
            actor,
            Audit {
                initiative_id: Some(iid),
                action: "initiative.import",
                entity: "initiative",
                entity_id: Some(iid),
                before: None,
                after: Some(summary.to_string()),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(db_err)?;
        if BACKEND == "postgres" {
            // A bulk load: PostgreSQL's planner learns of the new rows only when autovacuum next
            // samples them, and until then plans the views over them as if the tables were
            // empty. Tell it now (ANALYZE samples; it does not read every row). The import has
            // already succeeded, so a failure here is only worth a warning.
            let tables = "organizations, people, activities, commitments, commitment_events, meetings, \
                          meeting_attendance, decisions";
            if let Err(e) = sqlx::query(&format!("ANALYZE {tables}")).execute(&self.pool).await {
                tracing::warn!(error = %e, "could not refresh the planner's statistics after an import");
            }
        }
        Ok(created)
    }
}
