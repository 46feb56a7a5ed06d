//! `deskctl case …` and `deskctl sweep`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use approval_core::access::{Action as AccessAction, Target};
use approval_core::bundle::{BundleInstance, Outcome, Outcomes};
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{
    apply, apply_as, assign_by_rule, receive, Action, BundleContext, Case, CaseContext, CaseState,
    CorrectionItem, DeskAction, Transfer,
};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::clock::rules::ItemComplexity;
use approval_core::clock::{explain, DeadlineOptions, Period, PeriodLength};
use approval_core::guide::{GuideHistory, GuideVersion};
use approval_store::casework::{
    audit_of, clock_options, complexity, due_of, outbox_for, sweep_deemed_acceptance,
};
use approval_store::{
    case_state_word, open_profile_calendar, Database, InboxFilter, Page, CASE_STATE_WORDS,
};
use chrono::{DateTime, FixedOffset, Utc};

use crate::args::{ActArgs, CaseCommand, Cli};
use crate::failure::Failure;
use crate::guide_cmd::{login_name, read_text};

pub fn run(cli: &Cli, command: &CaseCommand) -> Result<(), Failure> {
    match command {
        CaseCommand::Receive { file, user } => {
            let text = read_text(file)?;
            let transfers = parse_transfers(&text).map_err(|e| {
                Failure::Usage(format!("{}: {e}; nothing was stored", file.display()))
            })?;
            let database = cli.database()?;
            let calendar = open_profile_calendar(&database)?;
            let user = user.clone().unwrap_or_else(login_name);
            crate::block_on(receive_all(&database, &calendar, transfers, &user))
        }
        CaseCommand::List {
            state,
            due_before,
            item,
            officer,
            limit,
            offset,
            user,
        } => {
            let user = user.clone().unwrap_or_else(login_name);
            if let Some(state) = state {
                if !CASE_STATE_WORDS.contains(&state.as_str()) {
                    return Err(Failure::Usage(format!(
                        "--state {state} is no case state; one of: {}",
                        CASE_STATE_WORDS.join(", ")
                    )));
                }
            }
            let filter = InboxFilter {
                state: state.clone(),
                officer: officer.clone(),
                item_code: item.clone(),
                due_before: *due_before,
            };
            let page = Page {
                limit: *limit,
                offset: *offset,
            };
            crate::block_on(list(&cli.database()?, filter, page, &user))
        }
        CaseCommand::Show { number, user } => {
            let database = cli.database()?;
            let calendar = open_profile_calendar(&database)?;
            let user = user.clone().unwrap_or_else(login_name);
            crate::block_on(show(&database, &calendar, number, &user))
        }
        CaseCommand::Act(args) => {
            let database = cli.database()?;
            let calendar = open_profile_calendar(&database)?;
            crate::block_on(act(&database, &calendar, args))
        }
    }
}

/// A transfer, or an array of them.
fn parse_transfers(text: &str) -> Result<Vec<Transfer>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let transfers = if value.is_array() {
        serde_json::from_value(value)
    } else {
        serde_json::from_value(value).map(|t| vec![t])
    };
    let transfers: Vec<Transfer> =
        transfers.map_err(|e| format!("not a transfer (收件转办) ({e})"))?;
    if transfers.is_empty() {
        return Err("holds no transfer".to_owned());
    }
    Ok(transfers)
}

fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&CHINA_STANDARD_TIME)
}

fn version_of<'h>(history: &'h GuideHistory, case: &Case) -> Result<&'h GuideVersion, Failure> {
    history
        .versions()
        .iter()
        .find(|v| v.number == case.guide_version)
        .ok_or_else(|| {
            Failure::NotFound(format!(
                "case {}: item {} has no stored guide version {}",
                case.number, case.item_code, case.guide_version
            ))
        })
}

async fn receive_all(
    database: &Path,
    calendar: &WorkingCalendar,
    transfers: Vec<Transfer>,
    user: &str,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let workflow = db.department_workflow().await?;
    let mut turns: HashMap<String, u64> = HashMap::new();
    let mut histories: HashMap<String, Option<GuideHistory>> = HashMap::new();
    let mut batch = Vec::new();
    let mut groups: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut numbers = BTreeSet::new();
    for transfer in transfers {
        let number = transfer.case_number.clone();
        if !numbers.insert(number.clone()) {
            return Err(Failure::Usage(format!(
                "case {number} is given twice; nothing was stored"
            )));
        }
        if db.case(&number).await?.is_some() {
            return Err(Failure::Usage(format!(
                "case {number} is already stored; nothing was stored"
            )));
        }
        let code = transfer.item_code.clone();
        if !histories.contains_key(&code) {
            let history = match db.item(&code).await? {
                Some(_) => Some(db.guide_history(&code).await?),
                None => None,
            };
            histories.insert(code.clone(), history);
        }
        let history = histories.get(&code).and_then(Option::as_ref);
        let mut applied = receive(transfer, history).map_err(|source| Failure::CaseRefused {
            number: number.clone(),
            source,
        })?;
        if let Some(workflow) = &workflow {
            let turn = match turns.get(&code) {
                Some(turn) => *turn,
                None => db.case_count_of_item(&code).await?,
            };
            turns.insert(code.clone(), turn + 1);
            if let Some(assigned) =
                assign_by_rule(&applied.case, workflow, turn, applied.case.received_at)
            {
                applied.case = assigned.case;
                applied.events.extend(assigned.events);
            }
        }
        let guide = history
            .map(|h| version_of(h, &applied.case))
            .transpose()?
            .ok_or_else(|| Failure::NotFound(format!("item {code} has no guide")))?;
        crate::permission::require(
            &db,
            user,
            AccessAction::ReceiveCase,
            Target::Department(guide.item.department.clone()),
        )
        .await?;
        let due = due_of(&applied.case, guide, calendar);
        if let Some(instance) = &applied.case.bundle_instance {
            let members = groups.entry(instance.clone()).or_default();
            if members.insert(code.clone(), number.clone()).is_some() {
                return Err(Failure::Usage(format!(
                    "bundle instance {instance} has two cases of item {code}; nothing was stored"
                )));
            }
        }
        batch.push((applied, due));
    }
    let mut instances = Vec::new();
    if !groups.is_empty() {
        let bundles = db.bundles().await?;
        for (id, cases) in groups {
            if db.bundle_instance(&id).await?.is_some() {
                return Err(Failure::Usage(format!(
                    "bundle instance {id} is already stored; nothing was stored"
                )));
            }
            let items: BTreeSet<&String> = cases.keys().collect();
            let definition = bundles
                .iter()
                .find(|b| b.members.iter().map(|m| &m.item_code).collect::<BTreeSet<_>>() == items)
                .ok_or_else(|| {
                    Failure::NotFound(format!(
                        "bundle instance {id}: no stored bundle has exactly the items {}; import the bundle first; nothing was stored",
                        items.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                    ))
                })?;
            let instance =
                BundleInstance::new(id.clone(), definition.clone(), cases).map_err(|e| {
                    Failure::Usage(format!(
                        "bundle instance {id}: {}; nothing was stored",
                        e.message_zh()
                    ))
                })?;
            instances.push(instance);
        }
    }
    db.insert_cases(&batch, &instances).await?;
    for (applied, due) in &batch {
        let case = &applied.case;
        println!(
            "{}\t{}\tv{}\t{}\t{}",
            case.number,
            case.item_code,
            case.guide_version,
            case_state_word(&case.state),
            due.acceptance_due
                .map_or_else(|| "-".to_owned(), |d| d.to_rfc3339())
        );
    }
    for instance in &instances {
        println!("bundle instance {}\t{}", instance.id, instance.bundle.code);
    }
    Ok(())
}

async fn list(database: &Path, filter: InboxFilter, page: Page, user: &str) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let mut departments: HashMap<String, bool> = HashMap::new();
    for row in db.inbox(&filter, page).await? {
        let visible = match departments.get(&row.item_code) {
            Some(visible) => *visible,
            None => {
                let department = db
                    .item(&row.item_code)
                    .await?
                    .map(|i| i.definition.department)
                    .unwrap_or_default();
                let visible =
                    crate::permission::may_view(&db, user, AccessAction::ViewCase, &department)
                        .await?;
                departments.insert(row.item_code.clone(), visible);
                visible
            }
        };
        if !visible {
            continue;
        }
        println!(
            "{}\t{}\t{}\t{}",
            row.number,
            row.item_code,
            row.state,
            row.due.map_or_else(|| "-".to_owned(), |d| d.to_rfc3339())
        );
    }
    Ok(())
}

async fn load(db: &Database, number: &str) -> Result<(Case, GuideHistory), Failure> {
    let case = db
        .case(number)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no case {number}")))?;
    let history = db.guide_history(&case.item_code).await?;
    Ok((case, history))
}

async fn show(
    database: &Path,
    calendar: &WorkingCalendar,
    number: &str,
    user: &str,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let (case, history) = load(&db, number).await?;
    let guide = version_of(&history, &case)?;
    crate::permission::require(
        &db,
        user,
        AccessAction::ViewCase,
        Target::Department(guide.item.department.clone()),
    )
    .await?;
    println!("case {}", case.number);
    println!("item\t{} (guide v{})", case.item_code, case.guide_version);
    println!("applicant\t{}", case.applicant.name);
    println!("state\t{}", case_state_word(&case.state));
    if let CaseState::SpecialStage { stage } = &case.state {
        println!("stage\t{stage}");
    }
    println!("received\t{}", case.received_at.to_rfc3339());
    if let Some(acceptance) = case.acceptance {
        let deemed = if acceptance.deemed { " (deemed)" } else { "" };
        println!("accepted\t{}{deemed}", acceptance.at.to_rfc3339());
    }
    if let Some(holder) = &case.holder {
        println!("holder\t{holder}");
    }
    if let Some(instance) = &case.bundle_instance {
        println!("bundle instance\t{instance}");
    }
    if let Some(decision) = &case.decision {
        println!("decision\t{:?}\t{}", decision.outcome, decision.opinion);
    }
    println!("events:");
    for event in db.case_events(number).await? {
        let kind = serde_json::to_string(&event.kind).unwrap_or_default();
        // A delegate's act shows whom they stood in for (委托).
        let actor = match &event.on_behalf_of {
            Some(holder) => format!("{}（代{holder}）", event.actor),
            None => event.actor.clone(),
        };
        println!("  {}\t{actor}\t{kind}", event.at.to_rfc3339());
    }
    let period = if case.state == CaseState::Received {
        println!("deadline: acceptance (受理期限)");
        Some(Period {
            start: case.submission_received_at,
            length: PeriodLength::WorkingDays(match complexity(guide) {
                ItemComplexity::Ordinary => 1,
                ItemComplexity::Complex => 5,
            }),
            pauses: Vec::new(),
        })
    } else {
        case.acceptance.map(|acceptance| {
            println!("deadline: processing (承诺办结时限)");
            Period {
                start: acceptance.at,
                length: guide.item.promised_limit.period_length(),
                pauses: case.pauses.clone(),
            }
        })
    };
    match period {
        Some(period) => println!("{}", explain(calendar, &period, clock_options())?.to_text()),
        None => println!("deadline: none running"),
    }
    Ok(())
}

fn required(value: &Option<String>, flag: &str, action: &str) -> Result<String, Failure> {
    value
        .clone()
        .ok_or_else(|| Failure::Usage(format!("{action} needs {flag}")))
}

/// The engine's action for the command line's words.
/// The department's actions (assign, reassign, urge), or an engine action.
fn desk_action_of(args: &ActArgs, at: DateTime<FixedOffset>) -> Result<DeskAction, Failure> {
    Ok(match args.action.replace('-', "_").as_str() {
        "assign" => DeskAction::Assign {
            to: required(&args.to, "--to", "assign")?,
        },
        "reassign" => DeskAction::Reassign {
            to: required(&args.to, "--to", "reassign")?,
            reason: required(&args.reason, "--reason", "reassign")?,
        },
        "urge" => DeskAction::Urge {
            note: required(&args.note, "--note", "urge")?,
        },
        _ => DeskAction::Case(action_of(args, at)?),
    })
}

fn desk_action_name(action: &DeskAction) -> &'static str {
    match action {
        DeskAction::Assign { .. } => "assign",
        DeskAction::Reassign { .. } => "reassign",
        DeskAction::Urge { .. } => "urge",
        DeskAction::Case(action) => action.name(),
    }
}

fn action_of(args: &ActArgs, at: DateTime<FixedOffset>) -> Result<Action, Failure> {
    let name = args.action.replace('-', "_");
    let name = name.as_str();
    Ok(match name {
        "accept" => Action::Accept,
        "request_correction" => {
            if args.materials.len() != args.problems.len() || args.materials.is_empty() {
                return Err(Failure::Usage(
                    "request_correction needs --material ID --problem TEXT pairs".to_owned(),
                ));
            }
            Action::RequestCorrection {
                items: args
                    .materials
                    .iter()
                    .zip(&args.problems)
                    .map(|(m, p)| CorrectionItem {
                        material_id: m.clone(),
                        problem: p.clone(),
                        paper: args.paper_materials.contains(m),
                    })
                    .collect(),
                second_notice_reason: args.reason.clone(),
            }
        }
        "receive_corrections" => Action::ReceiveCorrections { received_at: at },
        "reject_at_acceptance" => Action::RejectAtAcceptance {
            reason: required(&args.reason, "--reason", name)?,
            legal_basis: required(&args.basis, "--basis", name)?,
        },
        "complete_step" => Action::CompleteStep {
            step: required(&args.step, "--step", name)?,
            opinion: required(&args.opinion, "--opinion", name)?,
        },
        "return_to_step" => Action::ReturnToStep {
            step: required(&args.step, "--step", name)?,
            reason: required(&args.reason, "--reason", name)?,
        },
        "start_special_stage" => Action::StartSpecialStage {
            stage: required(&args.stage, "--stage", name)?,
            override_reason: args.reason.clone(),
        },
        "end_special_stage" => Action::EndSpecialStage,
        "decide" => Action::Decide {
            outcome: match required(&args.outcome, "--outcome", name)?.as_str() {
                "approved" => Outcome::Approved,
                "rejected" => Outcome::Rejected,
                other => {
                    return Err(Failure::Usage(format!(
                        "--outcome {other}: approved or rejected"
                    )))
                }
            },
            opinion: required(&args.opinion, "--opinion", name)?,
        },
        "start_public_notice" => Action::StartPublicNotice {
            until: args
                .until
                .ok_or_else(|| Failure::Usage(format!("{name} needs --until")))?,
        },
        "end_public_notice" => Action::EndPublicNotice,
        "prepare_result" => Action::PrepareResult,
        "push_result" => Action::PushResult,
        "deliver_paper" => Action::DeliverPaper,
        "release" => Action::Release,
        other => return Err(Failure::Usage(format!("no action {other}"))),
    })
}

/// What the window unit must get for what happened.
async fn act(database: &Path, calendar: &WorkingCalendar, args: &ActArgs) -> Result<(), Failure> {
    let at = args.at.unwrap_or_else(now);
    let actor = args.user.clone().unwrap_or_else(login_name);
    let action = desk_action_of(args, at)?;
    let action_name = desk_action_name(&action);
    let db = Database::open(database).await?;
    let workflow = db.department_workflow().await?;
    let (case, history) = load(&db, &args.number).await?;
    let guide = version_of(&history, &case)?;
    let permission = match &action {
        DeskAction::Assign { .. } | DeskAction::Reassign { .. } => AccessAction::AssignCase,
        DeskAction::Urge { .. } => AccessAction::UrgeCase,
        DeskAction::Case(_) => AccessAction::ActOnCase,
    };
    crate::permission::require(
        &db,
        &actor,
        permission,
        Target::Department(guide.item.department.clone()),
    )
    .await?;
    let ledger = db.filing_ledger().await?;
    let mut instance = match &case.bundle_instance {
        Some(id) => Some(db.bundle_instance(id).await?.ok_or_else(|| {
            Failure::NotFound(format!(
                "case {}: bundle instance {id} is not stored",
                case.number
            ))
        })?),
        None => None,
    };
    if let Some(instance) = instance.as_mut() {
        // Serial edges of approved filings in effect now (Art 17).
        ledger.apply_serial(instance, at);
    }
    let outcomes = match &instance {
        Some(instance) => db.bundle_outcomes(instance).await?,
        None => Outcomes::new(),
    };
    let ctx = CaseContext {
        guide,
        calendar,
        options: DeadlineOptions::default(),
        bundle: instance.as_ref().map(|instance| BundleContext {
            instance,
            outcomes: &outcomes,
        }),
        filings: Some(&ledger),
    };
    // With a department workflow set, who may act is the department's rule
    // (holder, role, delegation, 会签/或签); without one only the law's.
    let applied = match (&workflow, action) {
        (Some(workflow), action) => apply_as(&case, &ctx, workflow, &actor, at, action),
        (None, DeskAction::Case(action)) => apply(&case, &ctx, &actor, at, action),
        (None, _) => {
            return Err(Failure::Usage(format!(
            "`{action_name}` needs the department's workflow: `deskctl department set FILE` first"
        )))
        }
    }
    .map_err(|source| Failure::CaseRefused {
        number: case.number.clone(),
        source,
    })?;
    let due = due_of(&applied.case, guide, calendar);
    let outbox = outbox_for(&applied, at);
    let audit = audit_of(&case, &applied, action_name, &actor, at);
    db.record_transition(&case.state, &applied, due, outbox, Some(audit))
        .await?;
    let current = match applied.case.state {
        CaseState::Received => due.acceptance_due,
        _ => due.processing_due,
    };
    println!(
        "{}\t{}\t{}",
        applied.case.number,
        case_state_word(&applied.case.state),
        current.map_or_else(|| "-".to_owned(), |d| d.to_rfc3339())
    );
    for event in &applied.events {
        println!(
            "  {}",
            serde_json::to_string(&event.kind).unwrap_or_default()
        );
    }
    Ok(())
}

pub fn sweep(cli: &Cli, now_at: Option<DateTime<FixedOffset>>) -> Result<(), Failure> {
    let database = cli.database()?;
    let calendar = open_profile_calendar(&database)?;
    let at = now_at.unwrap_or_else(now);
    crate::block_on(sweep_at(&database, &calendar, at))
}

async fn sweep_at(
    database: &Path,
    calendar: &WorkingCalendar,
    at: DateTime<FixedOffset>,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let report = sweep_deemed_acceptance(&db, calendar, at).await?;
    for number in &report.deemed {
        println!("{number}\tdeemed accepted");
    }
    for (number, why) in &report.failures {
        eprintln!("deskctl: case {number}: {why}");
    }
    println!(
        "deemed accepted: {} of {} received",
        report.deemed.len(),
        report.received
    );
    if !report.failures.is_empty() {
        return Err(Failure::Usage(format!(
            "{} case(s) could not be swept",
            report.failures.len()
        )));
    }
    Ok(())
}
