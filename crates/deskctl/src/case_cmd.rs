//! `deskctl case …` and `deskctl sweep`: adapters over `approval_api::cases`.

use approval_api::cases::{
    act_on_case, case_detail, inbox_cursor_after, inbox_page, receive_transfers, sweep_clocks,
    CaseActRequest, DeadlineKind,
};
use approval_api::views::inbox::InboxQuery;
use approval_api::{case_state_word, Actor, CASE_STATE_WORDS};
use approval_core::bundle::Outcome;
use approval_core::case::{
    Action, CaseState, CorrectionItem, DeskAction, EventKind, Transfer, Violation,
};
use approval_core::china_time::minute_zh;
use approval_core::clock::Timeliness;
use chrono::{DateTime, FixedOffset};

use crate::args::{ActArgs, CaseCommand, Cli};
use crate::failure::Failure;
use crate::guide_cmd::{login_name, read_text};

fn or_dash(instant: Option<DateTime<FixedOffset>>) -> String {
    instant.map_or_else(|| "-".to_owned(), |d| d.to_rfc3339())
}

pub fn run(cli: &Cli, command: &CaseCommand) -> Result<(), Failure> {
    match command {
        CaseCommand::Receive { file, user } => {
            let text = read_text(file)?;
            let transfers = parse_transfers(&text).map_err(|e| {
                Failure::Usage(format!("{}: {e}; nothing was stored", file.display()))
            })?;
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let outcome = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(receive_transfers(&desk, &actor, transfers).await?)
            })?;
            for case in &outcome.cases {
                println!(
                    "{}\t{}\tv{}\t{}\t{}",
                    case.number,
                    case.item_code,
                    case.guide_version,
                    case_state_word(&case.state),
                    or_dash(case.acceptance_due)
                );
            }
            for (instance, bundle) in &outcome.instances {
                println!("bundle instance {instance}\t{bundle}");
            }
            Ok(())
        }
        CaseCommand::List {
            state,
            due_before,
            overdue,
            item,
            officer,
            bundle,
            search,
            limit,
            after,
            user,
        } => {
            if let Some(state) = state {
                if !CASE_STATE_WORDS.contains(&state.as_str()) {
                    return Err(Failure::Usage(format!(
                        "--state {state} is no case state; one of: {}",
                        CASE_STATE_WORDS.join(", ")
                    )));
                }
            }
            let mut query = InboxQuery {
                state: state.clone(),
                item_code: item.clone(),
                officer: officer.clone(),
                due_before: due_before.map(|d| d.to_rfc3339()),
                bundle: bundle.clone(),
                overdue: *overdue,
                search: search.clone(),
                limit: *limit,
                ..InboxQuery::default()
            };
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let page = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                if let Some(number) = after {
                    query.after = Some(inbox_cursor_after(&desk, &actor, number).await?);
                }
                Ok(inbox_page(&desk, &actor, &query, crate::now()).await?)
            })?;
            for row in &page.rows {
                println!(
                    "{}\t{}\t{}\t{}",
                    row.number,
                    row.item_code,
                    row.state,
                    row.due.as_deref().unwrap_or("-")
                );
            }
            if let Some(next) = &page.next {
                eprintln!(
                    "{} of {} cases; the next page: --after {}",
                    page.rows.len(),
                    page.total,
                    next.number
                );
            }
            Ok(())
        }
        CaseCommand::Show { number, user } => {
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let detail = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(case_detail(&desk, &actor, number, crate::now()).await?)
            })?;
            print_detail(&detail);
            Ok(())
        }
        CaseCommand::Act(args) => act(cli, args),
        CaseCommand::SealResult(args) => crate::hub_cmd::seal_result(cli, args),
        CaseCommand::Tracking {
            number,
            tracking_number,
            at,
            user,
        } => {
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let at = at.unwrap_or_else(crate::now);
            crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(approval_api::exchange::record_paper_tracking(
                    &desk,
                    &actor,
                    number,
                    tracking_number,
                    at,
                )
                .await?)
            })?;
            println!("{number}\t{}", tracking_number.trim());
            Ok(())
        }
    }
}

fn print_detail(detail: &approval_api::cases::CaseDetail) {
    let case = &detail.stored.case;
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
    for review in &detail.reviews {
        println!(
            "review\t{}\t{}\t{}",
            review.at.to_rfc3339(),
            review.level.name_zh(),
            review.comment
        );
    }
    println!("events:");
    for event in &detail.events {
        let kind = serde_json::to_string(&event.kind).unwrap_or_default();
        // A delegate's act shows whom they stood in for (委托).
        let actor = match &event.on_behalf_of {
            Some(holder) => format!("{}（代{holder}）", event.actor),
            None => event.actor.clone(),
        };
        println!("  {}\t{actor}\t{kind}", event.at.to_rfc3339());
    }
    let violations: Vec<&Violation> = detail
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Violation(v) => Some(v),
            _ => None,
        })
        .collect();
    if !violations.is_empty() {
        println!("violations (效能问题):");
        for violation in violations {
            println!("  {}", violation.message_zh());
        }
    }
    let notes: Vec<String> = detail
        .events
        .iter()
        .filter_map(|e| e.clock_note_zh())
        .chain(detail.serial_wait.iter().map(|w| w.message_zh()))
        .collect();
    if !notes.is_empty() {
        println!("clock notes (计时说明):");
        for note in notes {
            println!("  {note}");
        }
    }
    if !detail.steps.is_empty() {
        println!("steps (环节时限):");
        for step in &detail.steps {
            let standing = match step.timeliness {
                Timeliness::OnTime => {
                    format!("按时（剩余{}个工作日）", step.remaining_working_days)
                }
                Timeliness::Warning => {
                    format!("即将到期（剩余{}个工作日）", step.remaining_working_days)
                }
                Timeliness::Overdue => {
                    format!("已超时（超过{}个工作日）", -step.remaining_working_days)
                }
            };
            println!(
                "  {}\t{}\t{}\t{standing}",
                step.step,
                step.name,
                minute_zh(&step.due)
            );
        }
    }
    match &detail.deadline {
        Some(deadline) => {
            println!(
                "{}",
                match deadline.kind {
                    DeadlineKind::Acceptance => "deadline: acceptance (受理期限)",
                    DeadlineKind::Processing => "deadline: processing (承诺办结时限)",
                }
            );
            println!("{}", deadline.explanation.to_text());
        }
        None => println!("deadline: none running"),
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

fn required(value: &Option<String>, flag: &str, action: &str) -> Result<String, Failure> {
    value
        .clone()
        .ok_or_else(|| Failure::Usage(format!("{action} needs {flag}")))
}

/// The department's actions (assign, reassign, urge), or an engine action,
/// for the command line's words.
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

fn act(cli: &Cli, args: &ActArgs) -> Result<(), Failure> {
    let at = args.at.unwrap_or_else(crate::now);
    let actor = Actor::new(args.user.clone().unwrap_or_else(login_name));
    let action = desk_action_of(args, at)?;
    let request = CaseActRequest {
        number: args.number.clone(),
        action,
        expected_version: None,
    };
    let outcome = crate::block_on(async {
        let desk = crate::open_desk(cli).await?;
        Ok(act_on_case(&desk, &actor, at, request).await?)
    })?;
    println!(
        "{}\t{}\t{}",
        outcome.number,
        case_state_word(&outcome.state),
        or_dash(outcome.current_due)
    );
    for event in &outcome.events {
        println!("  {}", serde_json::to_string(event).unwrap_or_default());
    }
    Ok(())
}

pub fn sweep(cli: &Cli, now_at: Option<DateTime<FixedOffset>>) -> Result<(), Failure> {
    let at = now_at.unwrap_or_else(crate::now);
    let report = crate::block_on(async {
        let desk = crate::open_desk(cli).await?;
        Ok(sweep_clocks(&desk, at).await?)
    })?;
    for number in &report.deemed {
        println!("{number}\tdeemed accepted");
    }
    for number in &report.paper_overdue {
        println!("{number}\tpaper result overdue (纸质结果逾期未送达)");
    }
    for (number, error) in &report.failures {
        eprintln!("deskctl: case {number}: {}", error.message_en);
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
