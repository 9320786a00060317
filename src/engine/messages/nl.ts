// The Dutch catalogue: every message code of the engine in Dutch, with the terms of the Dutch Azure
// portal (herstelpunt, herstelplan, opnieuw beveiligen, doorvoeren...). Parameters come raw, as for
// English (en.ts); numbers, plurals, durations, moments and sizes are formatted here the Dutch way.
// The `reject.*` codes are in nlRefusals.ts, given the shared words below rather than importing them.

import type { Catalogue, Message, Text } from './index';
import { nlRefusals, type DutchWords } from './nlRefusals';

type Health = 'healthy' | 'warning' | 'critical' | 'notApplicable';

const NUMBER = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });
const ONE_DECIMAL = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const WHOLE = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const PLURAL = new Intl.PluralRules('nl-NL');
const MOMENT = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A number the Dutch way: "1.234", "12,5". */
const num = (n: number): string => NUMBER.format(n);
/** Whether a count takes the singular word. */
const one = (n: number): boolean => PLURAL.select(n) === 'one';
/** A count with its word: "1 machine", "3 groepen". */
const plural = (n: number, singular: string, several: string): string => `${num(n)} ${one(n) ? singular : several}`;

/** Seconds as a Dutch duration, rounded as formatDuration (time/duration.ts) does: "2 u 5 min", "45 s", "4 d 5 u". */
export function duration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) return '∞';
  if (totalSeconds < 0) return `-${duration(-totalSeconds)}`;
  let rest = Math.round(totalSeconds * 1000) / 1000;
  if (rest === 0) return '0 s';
  const out: string[] = [];
  // Days only from 100 hours on, as in English.
  const units: Array<[string, number]> = rest >= 100 * 3600 ? [['d', 86_400], ['u', 3_600], ['min', 60]] : [['u', 3_600], ['min', 60]];
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out.push(`${num(n)} ${unit}`);
      rest = Math.round((rest - n * size) * 1000) / 1000;
    }
  }
  if (rest > 0) out.push(`${num(rest)} s`);
  return out.join(' ');
}
const dur = duration;

/** A moment (epoch milliseconds, site-local) as the simulated clock reads it: "ma 3 mrt 10:30", with ":22" when the seconds are not zero. */
function moment(epochMs: number): string {
  const part: Record<string, string> = {};
  for (const p of MOMENT.formatToParts(epochMs)) part[p.type] = p.value.replace(/\.$/, '');
  const s = ((Math.floor(epochMs / 1000) % 60) + 60) % 60;
  return `${part.weekday} ${part.day} ${part.month} ${part.hour}:${part.minute}${s ? `:${String(s).padStart(2, '0')}` : ''}`;
}

/** Bytes in the binary units of the English text, with a decimal comma: "512 B", "3,7 GiB", "120 GiB". */
function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? num(n) : (n >= 100 ? WHOLE : ONE_DECIMAL).format(n)} ${units[i]}`;
}
/** Churn in decimal units, as the capacity table quotes it: "2 TB", "0,25 TB", below 0,1 TB "7,7 GB". */
const tb = (n: number): string => (n < 1e11 ? `${num(Math.round(n / 1e8) / 10)} GB` : `${num(Math.round(n / 1e10) / 100)} TB`);

/** Phrases the engine still hands over in English (its scenario data, the data plane's reasons), in Dutch; others stay as given. */
const PHRASES: Record<string, string> = {
  'at the secondary site': 'op de secundaire site',
  'the SAN replication link is down: the array tracks changed regions until it can resynchronise': 'de SAN-replicatieverbinding is verbroken: de array houdt de gewijzigde gebieden bij totdat deze opnieuw kan synchroniseren',
  'changes could not be sent to the process server and overflowed the source buffer': 'wijzigingen konden niet naar de processerver worden verzonden, waardoor de buffer van de bron is overgelopen'
};
const HRL_REASON = /^the \.hrl log of disk (\d+) reached (\d+) % of the disk size$/;
const phrase = (s: string): string => {
  const hrl = HRL_REASON.exec(s);
  return hrl ? `het .hrl-logboek van schijf ${hrl[1]} heeft ${hrl[2]} % van de schijfgrootte bereikt` : (PHRASES[s] ?? s);
};
const text = (x: Text): string => (typeof x === 'string' ? phrase(x) : dutch(x));

/** The components' generic names in Dutch; a name not listed (vCenter server, a link) stays as it is. */
const LABELS: Record<string, string> = {
  'Process server': 'processerver', 'Process server in Azure': 'processerver in Azure', 'Configuration server': 'configuratieserver',
  'Master target server': 'hoofddoelserver', 'Master target (primary site)': 'hoofddoelserver (primaire site)', 'Master target VM': 'hoofddoel-VM',
  'Storage account': 'opslagaccount', 'Cache storage account': 'cacheopslagaccount', 'Replica host': 'replicahost',
  'Primary storage array': 'primaire opslagarray', 'Secondary storage array': 'secundaire opslagarray', 'Azure virtual network': 'virtuele Azure-netwerk',
  'Replica managed disks': 'beheerde replicaschijven', 'Replica disks': 'replicaschijven'
};
const HOST_LABEL = /^(ESXi|Hyper-V|VMM|vCenter) (host|server)(.*)$/;
const QUALIFIERS: Record<string, string> = { ' (primary)': ' (primair)', ' (secondary)': ' (secundair)', ' (for failback)': ' (voor failback)' };
/** A component's name in Dutch, and whether it is a common noun (which takes an article). */
function dutchName(label: string): [string, boolean] {
  const ps = /^Process server (\S+)$/.exec(label);
  if (ps) return [`processerver ${ps[1]}`, true];
  const noun = LABELS[label];
  if (noun !== undefined) return [noun, true];
  const host = HOST_LABEL.exec(label);
  return [host ? `${host[1]}-${host[2]}${QUALIFIERS[host[3]!] ?? host[3]}` : label, false];
}
/** A component's name with its article where it is a common noun: "de processerver", "het opslagaccount", "ESXi-host 1". */
const the = (label: string): string => {
  const [name, noun] = dutchName(label);
  return noun ? `${/(account|netwerk)$/.test(name) ? 'het' : 'de'} ${name}` : name;
};
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const HEALTH_WORDS: Record<Health, string> = { healthy: 'In orde', warning: 'Waarschuwing', critical: 'Kritiek', notApplicable: 'Niet van toepassing' };
const status = (h: Health): string => `heeft de status ${HEALTH_WORDS[h]}`;

const FAULT_WORDS: Record<string, string> = {
  linkDown: 'verbinding verbroken', linkDegraded: 'verbinding verslechterd', processServerDown: 'processerver uitgevallen',
  cacheFull: 'cache van de processerver vol', hostDiskFull: 'host zonder schijfruimte', authFailure: 'verificatiefout',
  forcedShutdown: 'geforceerd afsluiten', diskResize: 'schijfgrootte gewijzigd', siteDown: 'primaire site uitgevallen'
};

/** A recovery point choice: as the portal lists it ("laatst verwerkt"), and in a sentence ("het laatst verwerkte herstelpunt"). */
const CHOICES: Record<string, [string, string]> = {
  latest: ['meest recent', 'het meest recente herstelpunt'],
  latestProcessed: ['laatst verwerkt', 'het laatst verwerkte herstelpunt'],
  latestAppConsistent: ['laatste app-consistent', 'het laatste app-consistente herstelpunt'],
  latestMultiVmProcessed: ['laatste multi-VM verwerkt', 'het laatste multi-VM verwerkte herstelpunt'],
  latestMultiVmAppConsistent: ['laatste multi-VM app-consistent', 'het laatste multi-VM app-consistente herstelpunt']
};
/** A choice in a sentence, or the point at a time. */
const choiceWords = (c: string | number): string => (typeof c === 'number' ? `het herstelpunt van ${dur(c)}` : CHOICES[c]![1]);

const processServerSize = (vcpu: number | null): string => (vcpu !== null ? `een processerver met ${num(vcpu)} vCPU's` : 'de ingebouwde processerver');
const planType = (t: 'test' | 'planned' | 'unplanned'): string => (t === 'test' ? 'testfailover' : t === 'planned' ? 'geplande failover' : 'niet-geplande failover');
const action = (script: boolean, name: string): string => `${script ? 'script' : 'runbook'} "${name}"`;
const OPERATION_WORDS: Record<string, string> = { failback: 'Failback', failover: 'Failover', planned: 'Geplande failover', unplanned: 'Niet-geplande failover' };
const JOB_NAMES: Record<string, string> = { Reprotect: 'Opnieuw beveiligen', 'Reverse replication': 'Omgekeerde replicatie', Resynchronize: 'Opnieuw synchroniseren' };
const lost = (writes: number, seconds: number): string => `${plural(writes, 'schrijfbewerking', 'schrijfbewerkingen')} verloren (${dur(seconds)} aan gegevens)`;
const differ = (differing: number, total: number): string => `${num(differing)} van de ${plural(total, 'blok', 'blokken')} ${one(differing) ? 'verschilt' : 'verschillen'}`;

const SCHEDULE_WORDS: Record<string, string> = { now: 'de hersynchronisatie begint nu', san: 'de arrays synchroniseren opnieuw zodra de verbinding terug is', hand: 'start de hersynchronisatie handmatig' };
/** Where a failover goes, from where the machine runs after it. */
const TOWARDS: Record<string, string> = { 'in Azure': 'naar Azure', 'at the secondary site': 'naar de secundaire site' };
const HOW_WORDS: Record<string, string> = {
  beforeFailover: 'de gegevens worden eerst gesynchroniseerd terwijl de machine draait',
  duringFailover: 'afsluiten, daarna worden alle gegevens gedownload',
  shutdown: 'de bron wordt eerst afgesloten'
};

const words: DutchWords = { text, dutch, phrase, the, num, dur, plural, faults: FAULT_WORDS };

export const nl: Catalogue = {
  ...nlRefusals(words),

  // What a job is at, or why it ended.
  'jobDetail.failedOver': () => 'De failover van de machine is uitgevoerd',
  'jobDetail.checking': () => 'Vereisten controleren',
  'jobDetail.initialReplication': () => 'Initiële replicatie',
  'jobDetail.resync': (p) => (p.manual ? 'Handmatig gestart' : 'Gepland'),
  'jobDetail.point': (p) => `Herstelpunt: ${typeof p.choice === 'number' ? `dat van ${dur(p.choice)}` : CHOICES[p.choice]![0]}`,
  'jobDetail.replaced': () => 'Vervangen door een niet-geplande failover',
  'jobDetail.toPoint': (p) => `Naar ${dutch(p.point)}`,
  'jobDetail.commitAutomatic': (p) => (p.betweenSites ? 'Automatisch (geplande failover tussen sites)' : 'Automatisch (SAN-replicatie)'),
  'jobDetail.reprotect': (p) =>
    p.automatic ? 'Automatisch gestart' : p.alternate ? 'Naar een nieuwe machine: alles wordt gekopieerd' : 'Naar de oorspronkelijke machine: alleen de verschillen worden verzonden',
  'jobDetail.disabled': () => 'Replicatie is uitgeschakeld',
  'jobDetail.synchronised': () => 'Gegevens gesynchroniseerd: hervat om de Azure-VM af te sluiten en de failover te voltooien',
  'jobDetail.completing': () => 'Failover wordt voltooid',
  'jobDetail.plan': (p) => `${p.plan}: ${planType(p.type)}`,
  'jobDetail.planContinuing': (p) => `${p.plan}: gaat verder`,
  'jobDetail.planWaiting': (p) => `${p.plan}: wacht op invoer (${p.action})`,
  'jobDetail.planActionFailed': (p) => `${p.plan}: ${action(p.script, p.action)} is mislukt; bij hervatten wordt het opnieuw uitgevoerd`,

  // What stands in the way of a hop of replication.
  'block.notRunning': (p) => `${p.name === null ? 'de primaire site' : the(p.name)} is niet actief`,
  'block.down': (p) => `${p.name === null ? 'de primaire site' : the(p.name)} is uitgevallen`,
  'block.lowDisk': (p) => `weinig schijfruimte op ${p.host ?? 'de host'}`,
  'block.auth': () => 'de agent kon zich niet verifiëren',
  'block.notResponding': (p) => `${p.name === null ? 'de primaire site' : the(p.name)} reageert niet`,
  'block.linkDown': (p) => `netwerkfout: verbinding ${p.link} is verbroken`,
  'block.shutDownNotThrough': () => 'de machine is al afgesloten en de laatste wijzigingen zijn nog niet overgekomen',
  'block.notInDelta': (p) => `${p.machine} bevindt zich niet in deltareplicatie`,

  // Why a machine needs a resync, or stopped replicating.
  'resync.reasonShutDown': () => 'de machine is zonder waarschuwing afgesloten',
  'resync.reasonSanLink': () => 'de SAN-replicatieverbinding is verbroken: de arrays houden de gewijzigde gebieden bij totdat ze opnieuw kunnen synchroniseren',
  'resync.reasonInFlight': (p) => `${text(p.reason)}: wijzigingen die onderweg waren via ${p.hop}, zijn onderbroken`,
  'resync.reasonNetwork': (p) => `een netwerkstoring heeft de replicatie ${dutch(p.hop)} gestopt (${text(p.reason)})`,
  'resync.reasonStillDown': (p) => `de hersynchronisatie kon niet starten omdat de netwerkstoring er nog is (${text(p.reason)}); er wordt opnieuw geprobeerd`,
  'resync.reasonNotLogged': (p) => `wijzigingen die zijn aangebracht terwijl ${p.host ?? 'de host'} geen schijfruimte meer had, zijn niet vastgelegd`,
  'resync.reasonResized': (p) => `de grootte van schijf ${p.disk} is gewijzigd van ${num(p.fromGiB)} GiB naar ${num(p.toGiB)} GiB`,
  'error.authFailed': () => 'de agent kon zich niet verifiëren (verificatie- of autorisatiefout)',
  'error.failoverFailed': (p) => `failover is mislukt: ${dutch(p.reason)}`,

  // Why a machine has its health.
  'health.notEnabled': () => 'Replicatie is niet ingeschakeld',
  'health.failingOver': (p) => (p.failback ? 'Failback wordt uitgevoerd' : 'Failover wordt uitgevoerd'),
  'health.failedOverPending': () => 'Failover uitgevoerd: voer de failover door om het herstelpunt te behouden, of kies een ander herstelpunt',
  'health.committing': () => 'De failover wordt doorgevoerd',
  'health.notReplicating': (p) => `${p.failedOver ? 'Failover uitgevoerd' : 'Terug op de primaire site'} en er wordt niet gerepliceerd: ${dutch(p.advice)}`,
  'health.reprotecting': (p) => (p.reverse ? 'Omgekeerde replicatie wordt ingesteld' : 'Opnieuw beveiligen wordt uitgevoerd'),
  'health.nonRecoverable': (p) => `Onherstelbare fout: ${text(p.reason)}; ${dutch(p.advice)}`,
  'health.resyncFailed': (p) => `Automatische hersynchronisatie is mislukt (${text(p.reason)}); ${dutch(p.advice)}`,
  'health.pointsStale': () => 'Al meer dan een uur geen nieuw herstelpunt',
  'health.sourceOff': () => 'De bronmachine is niet actief',
  'health.resyncRequired': (p) => `Hersynchronisatie vereist: ${text(p.reason)}`,
  'health.reprotectCopying': (p) => `${p.reverse ? 'Omgekeerde replicatie' : 'Opnieuw beveiligen'} wordt uitgevoerd: er wordt naar de andere kant gekopieerd`,
  'health.resyncing': () => 'Hersynchronisatie wordt uitgevoerd',
  'health.retrying': () => 'Replicatie mislukt en wordt opnieuw geprobeerd',
  'health.rpoExceeded': () => 'De RPO ligt boven de drempelwaarde',
  'health.enabling': () => 'Beveiliging wordt ingeschakeld',
  'health.initialReplication': () => 'Initiële replicatie wordt uitgevoerd',
  'health.replicating': () => 'Wordt gerepliceerd',

  // Why a component has its health.
  'health.noHeartbeat': () => 'al 15 minuten geen heartbeat',
  'health.heartbeatLate': () => 'reageert niet; de heartbeat is te laat',
  'health.cacheFree': (p) => `vrije cacheruimte ${num(p.percent)} % (minder dan ${num(p.below)} %)`,
  'health.backlog': (p) => `gegevens in de cache zijn niet binnen ${plural(p.minutes, 'minuut', 'minuten')} geüpload`,
  'health.cpuMemory': (p) => `CPU of geheugen boven ${num(p.percent)} %`,
  'health.tooManyMachines': (p) =>
    `${plural(p.machines, 'machine repliceert', 'machines repliceren')} via deze server; ${processServerSize(p.vcpu)} is berekend op ${num(p.max)}: voeg een processerver toe`,
  'health.tooMuchChurn': (p) => `${tb(p.dailyBytes)} aan wijzigingen in de afgelopen dag; ${processServerSize(p.vcpu)} is berekend op ${tb(p.capacityBytes)} per dag: voeg een processerver toe`,
  'health.normal': () => 'werkt normaal',
  'health.notDeployed': () => 'niet geïmplementeerd',
  'health.down': (p) => (p.siteDown ? 'de primaire site is uitgevallen' : 'uitgevallen'),
  'health.diskFull': () => 'geen schijfruimte meer',
  'health.volumeFull': (p) => `het volume is vol: de .hrl-logboeken van ${p.machines.join(', ')} kunnen niet groeien`,
  'health.volumeLow': (p) => `${num(p.percent)} % van het volume is vrij (minder dan ${num(p.below)} %)`,

  // Why a failback prerequisite is not met.
  'checklist.siteDown': () => 'de primaire site is uitgevallen',
  'checklist.hostDown': (p) => `de host ${p.host} is uitgevallen`,
  'checklist.addFirst': (p) => `voeg eerst ${p.component} toe (addComponent)`,
  'checklist.componentDown': (p) => `${the(p.label)} is uitgevallen: hef eerst de storing op`,

  // What to do next, in the scenario's own actions.
  'advice.protectAgain': (p) => {
    switch (p.failback) {
      case 'reprotectFromAzure':
        return p.back
          ? 'beveilig de machine opnieuw om terug te repliceren naar de on-premises VMware-omgeving (fase 1 van de failback)'
          : 'beveilig de machine opnieuw om weer naar Azure te repliceren (fase 3 van de failback)';
      case 'plannedFromAzure':
        return p.back
          ? 'voer een failback uit naar de Hyper-V-host (failback); daarna start de replicatie naar Azure vanzelf opnieuw'
          : 'de replicatie naar Azure start vanzelf opnieuw zodra de failback is doorgevoerd';
      case 'siteToSite':
        return `start omgekeerde replicatie (opnieuw beveiligen) om de machine weer naar de ${p.back ? 'primaire' : 'secundaire'} site te beveiligen`;
    }
  },
  'advice.migrated': (p) => `Gemigreerd: de machine draait nu ${phrase(p.where)} en de failover is doorgevoerd; een migratie kent geen failback, dus er hoeft niets meer te gebeuren`,
  'advice.resyncByHand': (p) => (p.san ? 'de arrays synchroniseren vanzelf opnieuw zodra hun verbinding en de machine terug zijn' : 'start handmatig een hersynchronisatie'),
  'advice.afterNonRecoverable': (p) => (p.san ? 'los de oorzaak op; daarna synchroniseren de arrays vanzelf opnieuw' : 'los de oorzaak op en synchroniseer daarna opnieuw'),

  // The fidelity notes of the scenarios: how the model interprets or simplifies the documents.
  'note.mobilityResync': () =>
    'Een netwerkstoring tussen de machine en de processerver, of tussen de processerver en het doel, tijdens de initiële replicatie of de deltareplicatie markeert elke machine waarvan de replicatie daardoor stopt voor hersynchronisatie (bron: het hersynchronisatieproces); de hersynchronisatie volgt dan het beleid, buiten kantooruren of handmatig. Een processerver die niet antwoordt, is juist een herstelbare fout: het verzenden wordt met toenemende wachttijd opnieuw geprobeerd, en alleen een machine waarvan wijzigingen onderweg waren of waarvan de buffer overloopt, moet opnieuw worden gesynchroniseerd.',
  'note.mobilityStreams': () =>
    'De Mobility-service streamt elke schrijfbewerking zodra die plaatsvindt; herstelpunten worden op de beheerde replicaschijven gemaakt zodra de logboeken in het cacheopslagaccount zijn verwerkt.',
  'note.hrlLogs': () =>
    'Elke schijf heeft een eigen .hrl-logboek ernaast. Bij elk kopieerinterval wordt het logboek gewisseld en verzonden; wordt het vorige logboek nog verzonden, dan blijft het huidige groeien.',
  'note.hrlRetry': () =>
    'Een netwerkstoring is een herstelbare fout: de logboeken blijven op de host en het verzenden wordt met toenemende wachttijd opnieuw geprobeerd. Hersynchronisatie is nodig zodra de logboeken van een schijf 50 % van de schijfgrootte bereiken.',
  'note.migrationOnly': () => 'Alleen migratie: machines schakelen over naar Azure en blijven daar; failback wordt niet ondersteund.',
  'note.azureRegion': () => 'De "primaire site" van dit scenario is de Azure-bronregio.',
  'note.awsPhysical': () => 'AWS-instanties worden beveiligd als fysieke servers; de "primaire site" is de AWS-VPC.',
  'note.physicalOwnHost': () => 'Elke fysieke server is zijn eigen host: een storing van de hostschijf treft de server zelf.',
  'note.physicalFailback': () => "Fysieke servers kunnen alleen een failback naar VMware-VM's uitvoeren: voordat u opnieuw beveiligt, moeten een ESXi-host en een hoofddoel-VM daarop worden toegevoegd.",
  'note.physicalFailoverStep': () => 'Elke fysieke server heeft tijdens de failover de extra stap van 8-10 minuten nodig (BEYOND.md, Failover).',
  'note.sanMirrored': () => 'Schrijfbewerkingen worden synchroon gespiegeld: zolang de verbinding werkt, is de replica op elk moment gelijk aan de bron, dus er gaan geen gegevens verloren.',
  'note.sanTracks': () => 'Valt de verbinding tussen de arrays weg, dan houden de arrays de gewijzigde gebieden bij en synchroniseren ze vanzelf opnieuw zodra de verbinding terug is.',
  'note.sanAutoCommit': () => 'Met SAN-replicatie wordt de failover automatisch doorgevoerd.',
  'note.vmmNetworkMapping': () =>
    "Netwerktoewijzing tussen VMM-VM-netwerken en Azure-netwerken hoort bij de installatie; de sandbox toont die als het Azure-netwerk waaraan de VM's na de failover worden gekoppeld.",
  'note.vmmAuthentication': () => 'Verificatie gebeurt met Kerberos (poort 8083) of een certificaat (poort 8084); een mislukte verificatie is een onherstelbare fout.',
  'note.vmwareLinuxStep': () => "Linux-VM's hebben tijdens de failover de extra stap van 8-10 minuten nodig (BEYOND.md, Failover).",
  'note.inmageScout': () => 'InMage Scout is een afzonderlijk product dat bij Site Recovery hoort; de Unified Agent gedraagt zich hier als de Mobility-service.',
  'note.masterTargetRetention': () => 'De bewaarpunten worden bewaard door de hoofddoelserver op de secundaire site.',

  // Parts of sentences.
  'part.hopTo': (p) => `naar ${the(p.label)}`,
  'part.hopReplica': () => 'naar de replica',
  'part.point': (p) => `het ${p.multiVm ? 'multi-VM ' : ''}${p.consistency === 'app' ? 'app-consistente' : 'crash-consistente'} herstelpunt van ${dur(p.at)}`,
  'part.initialCopy': (p) => {
    const single = one(p.disks);
    const disks = single ? 'de schijf' : `de ${num(p.disks)} schijven`;
    switch (p.tracker) {
      case 'hrl':
        return single
          ? 'er wordt een VM-momentopname gemaakt en de schijf wordt daaruit gekopieerd; schrijfbewerkingen gaan intussen naar het .hrl-logboek van de schijf'
          : `er wordt een VM-momentopname gemaakt en ${disks} worden daaruit een voor een gekopieerd; schrijfbewerkingen gaan intussen naar het .hrl-logboek van elke schijf`;
      case 'san':
        return `de arrays kopiëren ${disks} en spiegelen daarna elke schrijfbewerking`;
      default:
        return single
          ? 'de schijf wordt gekopieerd terwijl de agent nieuwe schrijfbewerkingen bijhoudt'
          : `${disks} worden met maximaal drie tegelijk gekopieerd terwijl de agent nieuwe schrijfbewerkingen bijhoudt`;
    }
  },

  // The event log (event code first; a second wording of one event code has its own message code).
  'machine.stopped': (p) => `${p.machine} is niet actief (${p.siteDown ? 'de primaire site is uitgevallen' : 'geforceerd afgesloten'})`,
  'machine.started': (p) => `${p.machine} is weer actief`,
  'auth.restored': (p) => `${p.machine}: verificatie werkt weer; ${p.san ? 'de arrays synchroniseren vanzelf opnieuw' : 'synchroniseer de machine opnieuw om de replicatie te hervatten'}`,
  'processServer.moved': (p) => `${p.machine} repliceert nu via ${the(p.to)} in plaats van via ${the(p.from)}`,
  'processServer.moveDone': (p) => `${p.machine} repliceert nu via ${the(p.to)}: de vorige processerver heeft alles geüpload wat die nog had`,
  'processServer.moveStarted': (p) =>
    `${p.machine} gaat over naar ${the(p.to)}: ${the(p.from)} uploadt eerst de wijzigingen die al aanwezig zijn; nieuwe wijzigingen wachten op de machine`,
  'component.added': (p) => `${cap(dutchName(p.label)[0])} toegevoegd: ${p.role}`,
  'health.machine': (p) => `${p.machine} ${status(p.health)}: ${text(p.reason)}`,
  'health.component': (p) => `${cap(the(p.label))} ${status(p.health)}: ${text(p.reason)}`,
  'health.link': (p) => `Verbinding ${p.link} ${status(p.health)}: ${text(p.reason)}`,
  'health.linkDown': () => 'verbroken',
  'health.linkThrottled': (p) => `beperkt tot ${num(p.percent)} % van de bandbreedte`,
  'health.linkNormal': () => 'het verkeer verloopt normaal',
  'processServer.cacheFull': (p) => `De cache van ${the(p.label)} is vol: er worden geen wijzigingen meer aangenomen`,
  'processServer.throttled': (p) => `De cache van ${the(p.label)} heeft nog ${num(p.freePercent)} % vrij: de replicatie wordt beperkt`,
  'processServer.cacheNormal': (p) => `De cache van ${the(p.label)} heeft weer ${num(p.freePercent)} % vrij`,
  'step.rejected': (p) => `${p.do} geweigerd: ${text(p.reason)}`,
  'workload.changed': (p) => `${p.machine} schrijft nu gemiddeld ${num(p.writeMBps)} MB/s`,
  'policy.changed': (p) => `Replicatiebeleid gewijzigd: ${p.fields.join(', ')}`,
  'fault.injected': (p) =>
    `Storing: ${FAULT_WORDS[p.fault]} op ${p.target}${p.bandwidthPercent !== null ? `, beperkt tot ${num(p.bandwidthPercent)} % van de bandbreedte` : ''}${p.forSeconds !== null ? `, gedurende ${dur(p.forSeconds)}` : ', totdat de storing wordt opgeheven'}`,
  'fault.cleared': (p) => `Opgeheven: ${FAULT_WORDS[p.fault]} op ${p.target} (na ${dur(p.afterSeconds)})`,
  'disk.resized': (p) => `${p.machine}: de grootte van schijf ${p.disk} is gewijzigd van ${num(p.fromGiB)} GiB naar ${num(p.toGiB)} GiB`,
  'replication.error': (p) => `${p.machine}: ${text(p.reason)} bij het verzenden ${text(p.hop)}; eerste nieuwe poging over 1 min`,
  'replication.lowDisk': (p) =>
    `${p.machine}: weinig schijfruimte op ${p.host ?? 'de host'}: het .hrl-logboek van schijf ${p.disk} kan niet groeien, dus de replicatie stopt en de logboeken en de momentopname worden verwijderd; eerste nieuwe poging over 1 min`,
  'replication.diskCopied': (p) => `${p.machine}: initiële kopie van schijf ${p.disk} voltooid`,
  'replication.initialCompleted': (p) =>
    `${p.machine}: initiële replicatie voltooid; ${p.hrl ? 'de VM-momentopname wordt verwijderd en de in de .hrl-bestanden vastgelegde wijzigingen worden samengevoegd' : 'de wijzigingen die intussen zijn aangebracht, worden toegepast'}`,
  'reprotect.completed': (p) => `${p.machine} is ${p.back ? 'weer beveiligd naar de primaire site' : 'opnieuw beveiligd'}: ${p.reverse ? 'omgekeerde replicatie' : 'opnieuw beveiligen'} voltooid`,
  'resync.completed': (p) => `${p.machine}: hersynchronisatie voltooid; de deltareplicatie wordt hervat`,
  'rpo.exceeded': (p) => `${p.machine}: de RPO is boven de drempelwaarde van ${dur(p.thresholdSeconds)} gekomen`,
  'rpo.recovered': (p) => `${p.machine}: de RPO is weer onder de drempelwaarde (${dur(p.rpoSeconds)})`,
  'recoveryPoints.stale': (p) => `${p.machine}: geen nieuw herstelpunt sinds ${moment(p.sinceEpochMs)}`,
  'recoveryPoints.resumed': (p) => `${p.machine}: er worden weer herstelpunten gemaakt`,
  'replication.nonRecoverable': (p) => `${p.machine}: ${text(p.reason)}; er volgt geen nieuwe poging, een beheerder moet ingrijpen (${text(p.advice)})`,
  'job.enableStarted': (p) => `Beveiliging inschakelen gestart voor ${p.machine}`,
  'job.enableSucceeded': (p) => `Beveiliging inschakelen geslaagd voor ${p.machine}`,
  'job.enableFailed': (p) => `Beveiliging inschakelen mislukt voor ${p.machine}: ${text(p.reason)}`,
  'job.finalizeStarted': (p) => `Beveiliging voltooien gestart voor ${p.machine}`,
  'job.finalizeSucceeded': (p) => `Beveiliging voltooien geslaagd voor ${p.machine}`,
  'job.disableStarted': (p) => `Beveiliging uitschakelen gestart voor ${p.machine}`,
  'job.resyncFailed': (p) => `Opnieuw synchroniseren mislukt voor ${p.machine}: ${text(p.reason)}`,
  'job.copyFailed': (p) => `${JOB_NAMES[p.job] ?? p.job} mislukt voor ${p.machine}: ${text(p.reason)}`,
  'replication.initialStarted': (p) => `${p.machine}: initiële replicatie gestart (${bytes(p.bytes)}); ${text(p.how)}`,
  'protection.protected': (p) => `${p.machine} is beveiligd: een testfailover is nu mogelijk`,
  'resync.required': (p) => `${p.machine} moet opnieuw worden gesynchroniseerd: ${text(p.reason)}; ${p.schedule === 'scheduled' ? `gepland over ${dur(p.delaySeconds)}, buiten kantooruren` : SCHEDULE_WORDS[p.schedule]}`,
  'resync.failed': (p) =>
    `${p.machine}: de hersynchronisatie kon niet starten (${text(p.problem)}); ${p.advice === null ? 'start deze handmatig zodra het probleem is opgelost' : text(p.advice)}`,
  'reprotect.copyStarted': (p) =>
    `${p.machine}: ${p.all ? (one(p.total) ? `het enige blok (${num(p.total)}) wordt gekopieerd` : `alle ${num(p.total)} blokken worden gekopieerd`) : differ(p.differing, p.total)}, ${bytes(p.bytes)} te verzenden`,
  'resync.started': (p) => `${p.machine}: hersynchronisatie gestart (${p.manual ? 'handmatig' : 'gepland'}); ${differ(p.differing, p.total)}, ${bytes(p.bytes)} te verzenden`,
  'protection.disabled': (p) => `${p.machine} is niet meer beveiligd; de replica en de herstelpunten worden verwijderd`,
  'replication.retryFailed': (p) =>
    `${p.machine}: nieuwe poging ${num(p.attempt)} om te verzenden ${text(p.hop)} is mislukt (${text(p.reason)}); volgende poging over ${num(p.delayMinutes)} min`,
  'replication.retrySucceeded': (p) => `${p.machine}: nieuwe poging ${num(p.attempt)} om te verzenden ${text(p.hop)} is geslaagd; de replicatie wordt hervat`,
  'testFailover.started': (p) => `Testfailover van ${p.machine} naar ${dutch(p.point)}; de replicatie gaat door`,
  'testFailover.completed': (p) =>
    `De testkopie van ${p.machine} draait na ${dur(p.rtoSeconds)} in een geïsoleerd netwerk; de gegevens zijn gecontroleerd en ${p.verified ? 'identiek aan' : 'ANDERS dan'} de bron zoals die was op ${dur(p.pointAt)}`,
  'testFailover.cleanupStarted': (p) => `Testfailover opschonen voor ${p.machine}: de testkopie wordt verwijderd`,
  'testFailover.cleanedUp': (p) => `Testkopie van ${p.machine} verwijderd${p.drillComplete ? '; de oefening is voltooid' : ''}`,
  'failover.abandoned': (p) => `${p.machine}: de geplande failover stopt met synchroniseren; een niet-geplande failover neemt het over`,
  'failover.started': (p) =>
    `${OPERATION_WORDS[p.operation]} van ${p.machine} ${p.where === null ? 'terug naar de primaire site' : (TOWARDS[p.where] ?? phrase(p.where))} gestart (${p.how === 'choice' ? `naar ${choiceWords(p.choice)}` : HOW_WORDS[p.how]})`,
  'failover.sourceUnreachable': (p) => `${p.machine}: de bron kan niet worden afgesloten en gesynchroniseerd (${text(p.problem)}); de failover gaat door met wat het doel heeft`,
  'failover.sourceShutDown': (p) => `${p.machine} is afgesloten; de laatste wijzigingen worden verzonden`,
  'failover.syncTimedOut': (p) => `${p.machine}: de laatste wijzigingen zijn niet binnen ${num(p.minutes)} min bij het doel aangekomen; de failover gaat door met wat er is`,
  'failover.synchronised': (p) => `${p.machine}: elke wijziging van vóór het afsluiten staat op het doel; herstelpunt gemaakt voor ${dur(p.pointAt)}`,
  'failover.processing': (p) => `${p.machine}: ${bytes(p.bytes)} die al op het doel is ontvangen, wordt verwerkt voordat het herstelpunt wordt gemaakt`,
  'failover.completed': (p) =>
    `${p.machine} draait na ${dur(p.rtoSeconds)} ${p.where === null ? 'op de primaire site' : phrase(p.where)}, vanaf ${dutch(p.point)}: ${lost(p.writesLost, p.dataLossSeconds)}, gegevens ${p.verified ? 'gecontroleerd' : 'NIET identiek aan de bron'}${
      p.next === 'reverses' ? '; een geplande failover tussen de sites wordt doorgevoerd en de replicatie keert vanzelf om' : p.next === 'commit' ? '; voer de failover door om dit te behouden, of kies een ander herstelpunt' : ''
    }`,
  'failover.failed': (p) => `Failover van ${p.machine} is mislukt: ${text(p.reason)}`,
  'failover.noPoint': (p) => `geen herstelpunt voor de failover: ${dutch(p.reason)}`,
  'failover.pointChanging': (p) => `${p.machine}: wordt gewijzigd naar ${dutch(p.point)}; wat de machine sinds de failover heeft geschreven, wordt verwijderd`,
  'failover.pointChanged': (p) => `${p.machine} draait vanaf ${dutch(p.point)}: ${lost(p.writesLost, p.dataLossSeconds)}`,
  'failover.committed': (p) =>
    `${p.machine}: failover ${p.automatic ? 'automatisch ' : ''}doorgevoerd; ${plural(p.points, 'herstelpunt', 'herstelpunten')} van de machine ${one(p.points) ? 'wordt' : 'worden'} verwijderd${p.inStep ? '; de sites lopen gelijk, dus de omgekeerde replicatie verzendt alleen wijzigingen' : ''}`,
  'reprotect.started': (p) =>
    `${p.reverse ? 'Omgekeerde replicatie' : 'Opnieuw beveiligen'} van ${p.machine} ${p.direction === 'primary' ? 'terug naar de primaire site' : p.direction === 'azure' ? 'naar Azure' : 'naar de secundaire site'}${p.automatic ? ' automatisch' : ''} gestart`,
  'failback.syncStarted': (p) => `${p.machine}: de on-premises schijven worden met controlesommen gesynchroniseerd terwijl de Azure-VM blijft draaien`,
  'failback.downloadStarted': (p) => `${p.machine}: de Azure-VM is afgesloten; alle schijven worden gedownload`,
  'failback.waitingToComplete': (p) => `${p.machine}: de on-premises schijven zijn gesynchroniseerd terwijl de Azure-VM draait; hervat om de failover te voltooien`,
  'plan.created': (p) => `Herstelplan ${p.plan} gemaakt: ${plural(p.machines, 'machine', 'machines')} in ${plural(p.groups, 'groep', 'groepen')}`,
  'plan.started': (p) =>
    `Herstelplan ${p.plan}: ${planType(p.type)} van ${plural(p.machines, 'machine', 'machines')} naar ${choiceWords(p.choice)} (${
      p.type === 'test' ? 'een test kent geen afsluitstap' : p.type === 'planned' ? 'de bronnen worden eerst afgesloten' : 'niet afsluiten: de primaire site is mogelijk weg'
    }); alle machines schakelen tegelijk over, daarna starten de groepen op volgorde op`,
  'plan.resumed': (p) => `Herstelplan ${p.plan}: handmatige actie "${p.action}" uitgevoerd; het plan gaat verder`,
  'plan.rerun': (p) => `Herstelplan ${p.plan}: "${p.action}" wordt opnieuw uitgevoerd`,
  'plan.waitingForInput': (p) =>
    `Herstelplan ${p.plan} wacht op een handmatige actie voordat groep ${num(p.group)} ${p.phase === 'pre' ? 'opstart' : 'klaar is'}: "${p.action}"; hervat het plan wanneer de actie is uitgevoerd`,
  'plan.actionStarted': (p) => `Herstelplan ${p.plan}: ${action(p.script, p.action)} gestart (groep ${num(p.group)}, ${p.phase === 'pre' ? 'vooraf' : 'achteraf'})`,
  'plan.actionFailed': (p) => `Herstelplan ${p.plan}: ${action(p.script, p.action)} is mislukt; los het probleem op en hervat het plan om het opnieuw uit te voeren`,
  'plan.actionCompleted': (p) => `Herstelplan ${p.plan}: ${action(p.script, p.action)} voltooid`,
  'plan.groupBooting': (p) => `Herstelplan ${p.plan}: groep ${num(p.group)} start op (${p.machines.join(', ') || 'geen machine'})`,
  'plan.groupUp': (p) => `Herstelplan ${p.plan}: groep ${num(p.group)} is actief`,
  'plan.actionFailedDetail': (p) => `${action(p.script, p.action)} is mislukt`,
  'plan.couldNotFailOver': (p) => `failover van ${p.machines.join(', ')} is niet gelukt`,
  'plan.completed': (p) =>
    `Herstelplan ${p.plan} ${p.succeeded ? 'voltooid' : 'beëindigd met fouten'}: RTO ${dur(p.rtoSeconds)}${p.detail !== null ? ` (${text(p.detail)})` : ''}`
};

/** A message in Dutch, nested messages in its parameters included. */
export function dutch(m: Message): string {
  const render = (nl as Record<string, ((p: never) => string) | undefined>)[m.code];
  if (render === undefined) throw new Error(`no Dutch text for message ${m.code}`);
  return render(m.params as never);
}
