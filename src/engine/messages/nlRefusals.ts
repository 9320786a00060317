// The Dutch text of why a step is refused (the `reject.*` codes), part of the Dutch catalogue
// (nl.ts). Like refusals.ts for English, it is given the words it shares with the rest of the
// catalogue rather than importing them, so the catalogue and its parts do not import each other.

import { GiB } from '../units';
import type { Catalogue, Message, MessageCode, Text } from './index';

/** What the Dutch refusals take from the catalogue: reasons and names in Dutch, and its formatting. */
export interface DutchWords {
  text: (x: Text) => string;
  dutch: (m: Message) => string;
  /** A phrase the engine gives in English (scenario data), in Dutch when known. */
  phrase: (s: string) => string;
  /** A component's name with its article: "de processerver". */
  the: (label: string) => string;
  num: (n: number) => string;
  dur: (seconds: number) => string;
  plural: (n: number, singular: string, several: string) => string;
  faults: Record<string, string>;
}

type RejectCode = Extract<MessageCode, `reject.${string}`>;
/** The renderers of the `reject.*` codes. */
export type Refusals = { [K in RejectCode]: Catalogue[K] };

/** What a machine is, for a rejection that needs it unprotected. */
const STATE_WORDS: Record<string, string> = {
  enabling: 'wordt ingeschakeld',
  initialReplication: 'bevindt zich in de initiële replicatie',
  finalizing: 'wordt voltooid',
  protected: 'is al beveiligd',
  resyncRequired: 'is beveiligd (wacht op hersynchronisatie)',
  resyncing: 'is beveiligd (wordt opnieuw gesynchroniseerd)',
  critical: 'is beveiligd (Kritiek)',
  disabling: 'wordt uitgeschakeld'
};

/** How a machine that failed over comes back, per family (for rejection hints). */
const RETURN_WORDS: Record<string, string> = {
  reprotectFromAzure: 'beveilig de machine opnieuw en voer daarna een failback uit',
  plannedFromAzure: 'voer een failback uit',
  siteToSite: 'start omgekeerde replicatie (opnieuw beveiligen) en voer daarna een failback uit',
  none: 'na een migratie is er geen weg terug'
};

/** The scenarios' English words for what a failback needs and why a planned failover is refused, in Dutch. */
const SCENARIO_PHRASES: Record<string, string> = {
  'the primary site running again': 'een primaire site die weer actief is',
  'a master target server at the primary site': 'een hoofddoelserver op de primaire site',
  "the primary site and the VM's Hyper-V host running again": 'een primaire site en een Hyper-V-host van de VM die weer actief zijn',
  'a process server in Azure to handle replication from Azure': 'een processerver in Azure die de replicatie vanuit Azure afhandelt',
  'a VPN or ExpressRoute connection from the Azure network to the on-premises site': 'een VPN- of ExpressRoute-verbinding van het Azure-netwerk naar de on-premises site',
  'an on-premises master target server to receive the data': 'een on-premises hoofddoelserver die de gegevens ontvangt',
  'the configuration server, which must still know the machine': 'de configuratieserver, die de machine nog moet kennen',
  'a failback policy (created automatically with the replication policy)': 'een failbackbeleid (wordt automatisch gemaakt met het replicatiebeleid)',
  'on-premises VMware infrastructure: machines fail back to VMware VMs only': "on-premises VMware-infrastructuur: machines kunnen alleen een failback naar VMware-VM's uitvoeren",
  'replication is continuous, so there is one failover action: use "type": "unplanned" with "shutdownSource": true to shut the source down and send its last changes first':
    'de replicatie is continu, dus er is maar één failoveractie: gebruik "type": "unplanned" met "shutdownSource": true om de bron eerst af te sluiten en de laatste wijzigingen te verzenden',
  'planned failover is not supported for physical servers: run an unplanned failover, with "shutdownSource": true to send the last changes first':
    'geplande failover wordt niet ondersteund voor fysieke servers: voer een niet-geplande failover uit, met "shutdownSource": true om eerst de laatste wijzigingen te verzenden'
};

const failure = (failback: boolean): string => (failback ? 'failback' : 'failover');

export const nlRefusals = ({ text, dutch, phrase, the, num, dur, plural, faults: FAULT_WORDS }: DutchWords): Refusals => ({
  // Why a step is rejected.
  'reject.asFound': (p) => phrase(p.reason),
  'reject.enableNotUnprotected': (p) =>
    `${p.machine} ${STATE_WORDS[p.protection] ?? `heeft de status ${p.protection}`}; replicatie kan alleen worden ingeschakeld voor een machine die niet is beveiligd`,
  'reject.enableNotRunning': (p) => `${p.machine} is niet actief; start de machine voordat u replicatie inschakelt`,
  'reject.migratedStays': (p) => `${p.machine} is gemigreerd: de machine blijft waar die nu is`,
  'reject.notProtected': (p) => `${p.machine} is niet beveiligd`,
  'reject.alreadyDisabling': (p) => `${p.machine} wordt al uitgeschakeld`,
  'reject.disableFailingOver': (p) => `er wordt een failover van ${p.machine} uitgevoerd: wacht tot de machine op het doel draait`,
  'reject.disableBusy': (p) => `${p.machine} is bezig (${p.protection}): wacht tot dat klaar is`,
  'reject.disablePending': (p) => `de failover van ${p.machine} staat nog open: voer deze eerst door`,
  'reject.notDeployed': (p) => `${the(p.label)} is niet geïmplementeerd: voeg dit onderdeel eerst toe (addComponent)`,
  'reject.componentDown': (p) => `${the(p.label)} is uitgevallen: los dat eerst op`,
  'reject.alreadyMoving': (p) => `${p.machine} gaat al over naar ${the(p.to)}`,
  'reject.alreadyThrough': (p) => `${p.machine} repliceert al via ${the(p.to)}`,
  'reject.moveAtTarget': (p) =>
    `${p.machine} draait ${phrase(p.where)}: de machine repliceert terug via het failbackpad, niet via een processerver op de primaire site`,
  'reject.policy': (p) => p.violations.join('; '),
  'reject.faultActive': (p) => `de storing '${FAULT_WORDS[p.fault]}' is al actief op ${p.target}`,
  'reject.noActiveFault': (p) => `er is geen actieve ${p.fault !== null ? `storing '${FAULT_WORDS[p.fault]}'` : 'storing'} op ${p.target}`,
  'reject.authNotReplicating': (p) => `${p.machine} wordt niet gerepliceerd: de agent heeft geen verbinding die kan worden verbroken (schakel eerst replicatie in)`,
  'reject.authFailedOver': (p) => `de failover van ${p.machine} is uitgevoerd (${p.protection}) en de machine wordt niet gerepliceerd: de agent heeft geen verbinding die kan worden verbroken`,
  'reject.resyncSan': (p) => `met SAN-replicatie valt er geen hersynchronisatie te starten: ${text(p.advice)}`,
  'reject.enableFirst': (p) => `${p.machine} is niet beveiligd: schakel eerst replicatie in`,
  'reject.resyncInitial': (p) => `${p.machine} bevindt zich nog in de initiële replicatie; opnieuw synchroniseren kan pas zodra de machine is beveiligd`,
  'reject.resyncRunning': (p) => `er wordt al een hersynchronisatie van ${p.machine} uitgevoerd`,
  'reject.beingDisabled': (p) => `${p.machine} wordt uitgeschakeld`,
  'reject.resyncFailingOver': (p) => `de failover van ${p.machine} is uitgevoerd (${p.protection}) en de machine wordt nog niet gerepliceerd`,
  'reject.resyncCommitFirst': (p) => `de failover van ${p.machine} is uitgevoerd (${p.protection}): voer deze eerst door`,
  'reject.failedOverNotReplicating': (p) => `de failover van ${p.machine} is uitgevoerd en de machine wordt niet gerepliceerd: ${text(p.advice)}`,
  'reject.resyncMigrated': (p) => `${p.machine} is gemigreerd: er valt niets opnieuw te synchroniseren`,
  'reject.resyncNotRunning': (p) => `${p.machine} is niet actief; start de machine eerst`,
  'reject.resyncAuth': (p) => `de verificatie van ${p.machine} mislukt nog steeds: los dat eerst op`,
  'reject.resyncUnreachable': (p) => `${p.machine} kan het doel niet bereiken (${text(p.reason)}): hef eerst de storing op`,
  'reject.resizeShrink': (p) => `schijf ${p.disk} van ${p.machine} is ${num(p.sizeGiB)} GiB; een schijf kan alleen groter worden gemaakt`,
  'reject.resizeMax': (p) => `schijf ${p.disk} van ${p.machine} kan niet groeien tot ${num(p.toGiB)} GiB: maximaal ${num(p.maxGiB)} GiB (${p.source})`,
  'reject.resizeVolume': (p) =>
    `schijf ${p.disk} van ${p.machine} kan niet groeien tot ${num(p.toGiB)} GiB: het volume van ${num(Math.round(p.volumeBytes / GiB))} GiB van ${p.host} zou de schijven van de VM's niet meer kunnen bevatten`,
  'reject.noProcessServer': (p) => `${p.scenario} heeft geen processerver: ${p.san ? 'de opslagarrays repliceren de gegevens' : 'de Hyper-V-hosts verzenden hun logboeken zelf'}`,
  'reject.notPartOf': (p) => `${p.name} hoort niet bij ${p.scenario}`,
  'reject.faultNeedsLink': (p) => `${p.fault} is gericht op een replicatieverbinding (${p.links.join(', ')}); ${p.target} is dat niet`,
  'reject.scenarioNoProcessServer': (p) => `${p.scenario} heeft geen processerver`,
  'reject.faultNeedsProcessServer': (p) => `${p.fault} is gericht op de processerver (${p.processServer})`,
  'reject.faultOnVm': (p) => `${p.target} is een VM: richt de storing op de host (${p.hosts.join(', ')})`,
  'reject.faultNeedsHost': (p) => `hostDiskFull is gericht op een host (${p.hosts.length > 0 ? p.hosts.join(', ') : 'elke machine is zelf de host'})`,
  'reject.authTargets': (p) => `authFailure is gericht op een machine${p.perHost ? ', een host' : ''} of op ${p.authority} (alle machines)`,
  'reject.shutdownTargets': () => "forcedShutdown is gericht op een machine of een host (alle VM's daarop)",
  'reject.resizeTargets': () => 'diskResize is gericht op een machine',
  'reject.siteTargets': () => 'siteDown is gericht op primarySite',
  'reject.noPointYet': (p) => `${p.machine} heeft nog geen herstelpunt`,
  'reject.noPointBefore': (p) => `${p.machine} heeft geen bewaard herstelpunt op of vóór ${dur(p.at)}; het oudste is van ${dur(p.oldest)}`,
  'reject.noAppPoint': (p) => `${p.machine} heeft geen bewaard app-consistent herstelpunt`,
  'reject.noMultiVmPoint': (p) => `${p.machine} heeft geen bewaard ${p.app ? 'app-consistent ' : ''}multi-VM-herstelpunt${p.shared ? ' dat het deelt met de groep' : ''}`,
  'reject.stillCopying': (p) => `${dutch(p.reason)}: de replica wordt nog gekopieerd`,
  'reject.planNotCreated': (p) => `herstelplan ${p.plan} is nog niet gemaakt`,
  'reject.planTestRunning': (p) => `de testuitvoering van herstelplan ${p.plan} loopt nog; schoon op zodra die is voltooid`,
  'reject.planNothingToClean': (p) => `geen enkele machine van herstelplan ${p.plan} heeft een testkopie om op te schonen`,
  'reject.noTestToClean': (p) => `er is geen testfailover van ${p.machine} om op te schonen`,
  'reject.componentThere': (p) => `${the(p.label)} is er al`,
  'reject.planExists': (p) => `er bestaat al een herstelplan met de naam ${p.plan}`,
  'reject.planCreateFirst': (p) => `herstelplan ${p.plan} is nog niet gemaakt: er moet eerst een stap createRecoveryPlan komen`,
  'reject.planRunning': (p) => `herstelplan ${p.plan} wordt al uitgevoerd; wacht tot het klaar is (of hervat het)`,
  'reject.planNotWaiting': (p) => `herstelplan ${p.plan} wacht niet op invoer`,
  'reject.noFailbackWaiting': (p) => `${p.machine} heeft geen failback die wacht om te worden voltooid`,
  'reject.noGroup': (p) => `${p.machine} zit in geen enkele replicatiegroep: multi-VM-herstelpunten bestaan alleen voor machines die als groep worden gerepliceerd`,
  'reject.testExists': (p) => `er bestaat al een testfailover van ${p.machine}: schoon die eerst op (cleanupTestFailover)`,
  'reject.notProtectedYet': (p) => `${p.machine} is nog niet beveiligd: wacht tot de initiële replicatie en Beveiliging voltooien klaar zijn`,
  'reject.failoverInProgress': (p) => `er wordt een failover van ${p.machine} uitgevoerd`,
  'reject.notReplicatingYet': (p) => `${p.machine} wordt nog niet gerepliceerd: wacht tot de machine weer is beveiligd`,
  'reject.commitFirst': (p) => `voer eerst de ${failure(p.failback)} van de machine door`,
  'reject.migrationEnds': () => 'de machine is gemigreerd, en een migratie eindigt met de failover',
  'reject.plannedUnsupported': (p) => `${p.scenario}: ${SCENARIO_PHRASES[p.why] ?? phrase(p.why)}`,
  'reject.failoverAlready': (p) => `er wordt al een failover van ${p.machine} uitgevoerd`,
  'reject.migratedStaysAt': (p) => `${p.machine} is gemigreerd: de machine blijft ${phrase(p.where)}`,
  'reject.alreadyFailedOver': (p) =>
    `de failover van ${p.machine} is al uitgevoerd; ${p.pending ? 'voer de failover door of kies een ander herstelpunt' : `om terug te keren: ${RETURN_WORDS[p.way]}`}`,
  'reject.backBeingSetUp': (p) => `${p.machine} is terug op de primaire site en de replicatie wordt ingesteld: wacht tot de machine is beveiligd`,
  'reject.backNotProtected': (p) => `${p.machine} is terug op de primaire site en niet beveiligd: ${text(p.advice)}`,
  'reject.noPointInitial': (p) => `${p.machine} heeft nog geen herstelpunt: wacht tot de initiële replicatie en Beveiliging voltooien klaar zijn`,
  'reject.useFailback': (p) => `${p.machine} draait ${phrase(p.where)} en repliceert terug: gebruik failback om de machine naar de primaire site terug te brengen`,
  'reject.plannedNeedsProtected': (p) =>
    `voor een geplande failover moet ${p.machine} beveiligd en synchroon zijn (de status is ${p.protection}); voer in plaats daarvan een niet-geplande failover uit`,
  'reject.plannedSourceProblem': (p) =>
    `een geplande failover sluit ${p.machine} af en verzendt de laatste wijzigingen, maar ${text(p.problem)}: los dat eerst op of voer een niet-geplande failover uit`,
  'reject.changeCommitted': (p) => `de failover van ${p.machine} is doorgevoerd: de herstelpunten zijn verwijderd`,
  'reject.changeAlready': (p) => `${p.machine} wijzigt het herstelpunt al`,
  'reject.changeRunning': (p) => `de failover van ${p.machine} loopt nog; wijzig het herstelpunt zodra de machine op het doel draait`,
  'reject.changeNothingPending': (p) => `${p.machine} heeft geen openstaande failover: voer eerst een failover uit`,
  'reject.commitPlannedRunning': (p) =>
    `de geplande ${failure(p.failback)} van ${p.machine} loopt nog; tussen de sites wordt die vanzelf doorgevoerd wanneer die is voltooid`,
  'reject.commitPlannedDone': (p) =>
    `de geplande ${failure(p.failback)} van ${p.machine} is vanzelf doorgevoerd en de replicatie is omgekeerd: er valt niets door te voeren`,
  'reject.commitSan': () => 'met SAN-replicatie wordt de failover automatisch doorgevoerd',
  'reject.commitRunning': (p) => `de failover van ${p.machine} loopt nog; voer deze door zodra de machine op het doel draait`,
  'reject.commitChanging': (p) => `${p.machine} wijzigt het herstelpunt; voer door zodra de machine weer draait`,
  'reject.commitAlready': (p) => `de failover van ${p.machine} is al doorgevoerd`,
  'reject.commitNothing': (p) => `${p.machine} heeft geen failover om door te voeren: voer eerst een failover uit`,
  'reject.masterTargetDisks': (p) =>
    `de on-premises hoofddoelserver zou ${plural(p.disks, 'schijf', 'schijven')} bevatten; één hoofddoelserver kan voor alle opnieuw beveiligde machines samen maximaal ${num(p.max)} schijven aan`,
  'reject.reprotectMigration': (p) => `${p.scenario} is een migratie: machines blijven na de failover in Azure; er is geen failback`,
  'reject.reprotectCommitFirst': (p) => `voer de failover van ${p.machine} door voordat u de machine opnieuw beveiligt`,
  'reject.reprotectRunning': (p) => `de failover van ${p.machine} loopt nog; voer deze door en beveilig de machine daarna opnieuw`,
  'reject.reprotectAlready': (p) => `${p.machine} wordt al opnieuw beveiligd`,
  'reject.reprotectBack': (p) => `${p.machine} repliceert al terug naar de primaire site`,
  'reject.reprotectNothing': (p) =>
    `${p.machine} is terug op de primaire site en ${p.replicates ? 'wordt weer gerepliceerd' : `heeft de status ${p.protection}`}: er valt niets opnieuw te beveiligen`,
  'reject.reprotectNotFailedOver': (p) => `voor ${p.machine} is geen failover uitgevoerd: er valt niets opnieuw te beveiligen`,
  'reject.reprotectHyperv': () =>
    "Hyper-V-VM's keren terug uit Azure met een geplande failover: gebruik failback (de replicatie naar Azure wordt vanzelf hervat nadat die is doorgevoerd)",
  'reject.reprotectPhysical': () =>
    'fysieke servers kunnen alleen een failback naar een VMware-VM uitvoeren, nooit naar de fysieke server: beveilig opnieuw met "location": "alternate"',
  'reject.failbackNeeds': (p) => `om ${p.machine} terug te repliceren is ${SCENARIO_PHRASES[p.what] ?? phrase(p.what)} nodig: ${text(p.reason)}`,
  'reject.failbackMigration': (p) => `${p.scenario} is een migratie: failback wordt niet ondersteund`,
  'reject.failbackWaiting': (p) => `de failback van ${p.machine} wacht om te worden voltooid: hervat deze`,
  'reject.failbackAtPrimary': (p) => `${p.machine} draait op de primaire site: er is niets om een failback voor uit te voeren`,
  'reject.failbackCommitFirst': (p) => `voer eerst de failover van ${p.machine} door`,
  'reject.failbackWhile': (p) => `${p.machine} kan geen failback uitvoeren zolang de status ${p.protection} is`,
  'reject.failbackReprotectFirst': (p) =>
    `beveilig ${p.machine} eerst opnieuw, zodat de machine terug repliceert naar de primaire site (${p.siteToSite ? 'omgekeerde replicatie' : 'fase 1 van de failback'})`,
  'reject.failbackStill': (p) =>
    `${p.machine} ${p.protection === 'reprotecting' ? 'wordt nog opnieuw beveiligd' : `repliceert nog terug (${p.protection})`}: voer de failback uit zodra de machine is beveiligd`,
  'reject.failbackSourceProblem': (p) => `failback sluit ${p.machine} af en verzendt de laatste wijzigingen, maar ${text(p.problem)}: los dat eerst op`
});
