//! Receiving transferred cases (收件转办) from the window unit.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use approval_core::access::Action;
use approval_core::bundle::BundleInstance;
use approval_core::case::{
    admit_item, assign_by_rule, case_due, receive, CaseDue, CaseState, Transfer,
};
use approval_core::error_code::ErrorCode;
use approval_core::guide::GuideHistory;
use approval_store::StoreTx;
use chrono::{DateTime, FixedOffset};

use super::bound_version;
use crate::access::{item_target, require, Actor};
use crate::{in_write_unit, refused, ApiError, Desk};

/// One stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedCase {
    pub number: String,
    pub item_code: String,
    pub guide_version: u32,
    pub state: CaseState,
    pub acceptance_due: Option<DateTime<FixedOffset>>,
}

/// What a receipt stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReceiveOutcome {
    pub cases: Vec<ReceivedCase>,
    /// The new bundle instances: (instance id, bundle code).
    pub instances: Vec<(String, String)>,
}

fn refused_batch(message: String, message_en: String) -> ApiError {
    ApiError::invalid_input(
        format!("{message}；未保存任何办件"),
        format!("{message_en}; nothing was stored"),
    )
}

/// Stores `transfers`, each bound to the guide version in force when the
/// window unit received it (Art 7), assigned by the department's rule, with
/// the bundle instances they form — all or nothing.
pub async fn receive_transfers(
    desk: &Desk,
    actor: &Actor,
    transfers: Vec<Transfer>,
) -> Result<ReceiveOutcome, ApiError> {
    if transfers.is_empty() {
        return Err(ApiError::invalid_input("没有收到办件", "holds no transfer"));
    }
    let calendar = desk.calendar()?;
    in_write_unit!(desk.db(), async |tx| {
        receive_in(tx, actor, &calendar, transfers.clone(), &Partners::new()).await
    })
    .await
}

/// The whole membership of bundle instances whose other cases are held by
/// other departments: instance id → (item code → case number). A window
/// unit's transfer through the hub names a case's partners; a file of
/// transfers holds every member itself.
pub(crate) type Partners = BTreeMap<String, BTreeMap<String, String>>;

pub(crate) async fn receive_in(
    tx: &mut StoreTx,
    actor: &Actor,
    calendar: &approval_core::calendar::WorkingCalendar,
    transfers: Vec<Transfer>,
    partners: &Partners,
) -> Result<ReceiveOutcome, ApiError> {
    let workflow = tx.department_workflow().await?;
    let mut turns: HashMap<String, u64> = HashMap::new();
    let mut histories: HashMap<String, Option<GuideHistory>> = HashMap::new();
    let mut batch = Vec::new();
    let mut groups: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut numbers = BTreeSet::new();
    for transfer in transfers {
        let number = transfer.case_number.clone();
        if !numbers.insert(number.clone()) {
            return Err(refused_batch(
                format!("办件{number}重复出现"),
                format!("case {number} is given twice"),
            ));
        }
        if tx.case(&number).await?.is_some() {
            return Err(refused_batch(
                format!("办件{number}已经保存过"),
                format!("case {number} is already stored"),
            )
            .with_code(ErrorCode::AlreadyExists));
        }
        let code = transfer.item_code.clone();
        if !histories.contains_key(&code) {
            let history = match tx.item(&code).await? {
                Some(item) => {
                    admit_item(&item).map_err(|e| refused(&number, e))?;
                    Some(tx.guide_history(&code).await?)
                }
                None => None,
            };
            histories.insert(code.clone(), history);
        }
        let history = histories.get(&code).and_then(Option::as_ref);
        let mut applied = receive(transfer, history).map_err(|e| refused(&number, e))?;
        if let Some(workflow) = &workflow {
            let turn = match turns.get(&code) {
                Some(turn) => *turn,
                None => tx.case_count_of_item(&code).await?,
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
            .map(|h| bound_version(h, &applied.case))
            .transpose()?
            .ok_or_else(|| {
                ApiError::not_found(
                    format!("事项{code}没有办事指南"),
                    format!("item {code} has no guide"),
                )
            })?;
        let target = item_target(tx, &code, &guide.item).await?;
        require(tx, actor, Action::ReceiveCase, target).await?;
        let due: CaseDue = case_due(&applied.case, guide, calendar, None);
        if let Some(instance) = &applied.case.bundle_instance {
            let members = groups.entry(instance.clone()).or_default();
            if members.insert(code.clone(), number.clone()).is_some() {
                return Err(refused_batch(
                    format!("套餐办件{instance}有两件事项{code}的办件"),
                    format!("bundle instance {instance} has two cases of item {code}"),
                ));
            }
        }
        batch.push((applied, due));
    }
    let mut instances = Vec::new();
    if !groups.is_empty() {
        let bundles = tx.bundles().await?;
        for (id, received) in groups {
            let cases = match partners.get(&id) {
                Some(members) => {
                    members_with_partners(&id, &received, members)?;
                    members.clone()
                }
                None => received,
            };
            if let Some(stored) = tx.bundle_instance(&id).await? {
                // A second member of an instance known from the hub (the
                // department implements two of its items): the instance is
                // stored once, with every member.
                if partners.contains_key(&id) && stored.cases == cases {
                    continue;
                }
                return Err(refused_batch(
                    format!("套餐办件{id}已经保存过"),
                    format!("bundle instance {id} is already stored"),
                )
                .with_code(ErrorCode::AlreadyExists));
            }
            let items: BTreeSet<&String> = cases.keys().collect();
            let listed = items
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let definition = bundles
                .iter()
                .find(|b| b.members.iter().map(|m| &m.item_code).collect::<BTreeSet<_>>() == items)
                .ok_or_else(|| {
                    ApiError::not_found(
                        format!("套餐办件{id}：没有恰好包含事项{listed}的套餐，请先导入套餐；未保存任何办件"),
                        format!("bundle instance {id}: no stored bundle has exactly the items {listed}; import the bundle first; nothing was stored"),
                    )
                })?;
            let instance =
                BundleInstance::new(id.clone(), definition.clone(), cases).map_err(|e| {
                    let error = ApiError::from(e);
                    ApiError::new(
                        error.code,
                        format!("套餐办件{id}：{}；未保存任何办件", error.message),
                        format!(
                            "bundle instance {id}: {}; nothing was stored",
                            error.message_en
                        ),
                    )
                })?;
            instances.push(instance);
        }
    }
    tx.insert_cases(&batch, &instances).await?;
    Ok(ReceiveOutcome {
        cases: batch
            .iter()
            .map(|(applied, due)| ReceivedCase {
                number: applied.case.number.clone(),
                item_code: applied.case.item_code.clone(),
                guide_version: applied.case.guide_version,
                state: applied.case.state.clone(),
                acceptance_due: due.acceptance_due,
            })
            .collect(),
        instances: instances
            .iter()
            .map(|i| (i.id.clone(), i.bundle.code.clone()))
            .collect(),
    })
}

/// Checks that the cases received of instance `id` are members of it as
/// the hub named them.
fn members_with_partners(
    id: &str,
    received: &BTreeMap<String, String>,
    members: &BTreeMap<String, String>,
) -> Result<(), ApiError> {
    for (item, number) in received {
        if members.get(item) != Some(number) {
            return Err(refused_batch(
                format!("套餐办件{id}的成员中没有事项{item}的办件{number}"),
                format!("bundle instance {id} lists no case {number} of item {item}"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::case::Transfer;
    use approval_core::error_code::ErrorCode;

    use super::*;
    use crate::testing::{at, desk, publish, FIRE, FOOD, POLLUTANT};

    fn transfer() -> Transfer {
        serde_json::from_str(include_str!(
            "../../../../tests/fixtures/cases/food-single.json"
        ))
        .unwrap()
    }

    #[tokio::test]
    async fn a_transfer_of_a_cancelled_item_is_refused_and_nothing_is_stored() {
        let (_dir, desk) = desk().await;
        publish(&desk, FOOD).await;
        let code = transfer().item_code;
        let mut item = desk.db().item(&code).await.unwrap().unwrap();
        item.cancelled = true;
        desk.db().save_item(&item).await.unwrap();
        let refused = receive_transfers(&desk, &Actor::new("窗口"), vec![transfer()])
            .await
            .unwrap_err();
        assert_eq!(refused.code, ErrorCode::CaseItemCancelled);
        assert!(refused.message.contains("已取消"), "{refused:?}");
        assert!(desk
            .db()
            .case(&transfer().case_number)
            .await
            .unwrap()
            .is_none());
    }

    /// A department holds only its own member of a bundle transferred
    /// through the hub: the instance is stored with every member the hub
    /// named, and a member the hub did not name is refused.
    #[tokio::test]
    async fn a_lone_bundle_member_is_received_with_its_partners() {
        let (_dir, desk) = desk().await;
        for guide in [FOOD, FIRE, POLLUTANT] {
            publish(&desk, guide).await;
        }
        let bundle: approval_core::exchange::BundleFile = serde_json::from_str(include_str!(
            "../../../../tests/fixtures/bundles/open-restaurant.json"
        ))
        .unwrap();
        crate::bundles::import_bundle(&desk, &Actor::new("editor"), at(2026, 1, 6), bundle.bundle)
            .await
            .unwrap();
        let mut food = transfer();
        food.bundle_instance = Some("BI-HUB-1".to_owned());
        let members: BTreeMap<String, String> = [
            ("610122-SCJG-XK-0001", food.case_number.as_str()),
            ("610122-XF-XK-0001", "FIRE-ELSEWHERE-1"),
            ("610122-STHJ-BA-0001", "ECOLOGY-ELSEWHERE-1"),
        ]
        .into_iter()
        .map(|(item, case)| (item.to_owned(), case.to_owned()))
        .collect();
        let partners: Partners = [("BI-HUB-1".to_owned(), members.clone())].into();
        let calendar = desk.calendar().unwrap();
        let actor = Actor::new("张承办");
        let wrong: Partners = [(
            "BI-HUB-1".to_owned(),
            members
                .iter()
                .map(|(item, case)| (item.clone(), format!("{case}-X")))
                .collect(),
        )]
        .into();
        let refused = in_write_unit!(desk.db(), async |tx| {
            receive_in(tx, &actor, &calendar, vec![food.clone()], &wrong).await
        })
        .await
        .unwrap_err();
        assert!(refused.message.contains("BI-HUB-1"), "{refused:?}");
        in_write_unit!(desk.db(), async |tx| {
            receive_in(tx, &actor, &calendar, vec![food.clone()], &partners).await
        })
        .await
        .unwrap();
        let instance = desk
            .db()
            .bundle_instance("BI-HUB-1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(instance.cases, members);
    }
}
