import { z } from 'zod';
import { quote } from './grammar/text';
import { installPlanApproverSchema } from './install-plan-approver';
import { dnsLabel, dnsSubdomain, goDuration, imageByDigest, mirrorRepository, mirrorSource, olmName, text } from './primitives';

/** The namespace whose global OperatorGroup OpenShift already provides. */
export const GLOBAL_OPERATORS_NAMESPACE = 'openshift-operators';

export const catalogSourceSchema = z.strictObject({
  /** CatalogSource name; the Subscription's `source` must name it. */
  name: dnsSubdomain,
  /** Index image, pinned by digest. */
  image: imageByDigest,
  displayName: text(253, { min: 1 }).default('OpenShift Pipelines (custom catalog)'),
  publisher: text(253, { min: 1 }).default('Pipeline Service'),
  /** How often OLM polls the index image for updates (Go duration). */
  pollInterval: goDuration.default('30m'),
  /**
   * Where the pre-release images the index names are pulled from: one ImageDigestMirrorSet
   * (config.openshift.io/v1, OCP 4.13+) named like the CatalogSource. Absent: none.
   */
  mirrors: z
    .array(
      z.strictObject({
        /** What the bundle's images reference, e.g. registry.redhat.io/openshift-pipelines. */
        source: mirrorSource,
        /** Where to pull them instead, in order. */
        mirrors: z.array(mirrorRepository).min(1),
        /** `NeverContactSource`: fail rather than fall back to `source` (an unreleased image is not there). */
        mirrorSourcePolicy: z.enum(['AllowContactingSource', 'NeverContactSource']).default('NeverContactSource'),
      }),
    )
    .min(1)
    .optional(),
});

export const operatorSchema = z
  .strictObject({
    /** OLM package name. */
    packageName: olmName.default('openshift-pipelines-operator-rh'),
    /** Name of the Subscription object. */
    subscriptionName: dnsSubdomain.default('openshift-pipelines-operator'),
    namespace: dnsLabel.default(GLOBAL_OPERATORS_NAMESPACE),
    /** OLM channel; default: the train's first channel. Only channels the train covers. */
    channel: olmName.optional(),
    source: dnsSubdomain.default('redhat-operators'),
    sourceNamespace: dnsLabel.default('openshift-marketplace'),
    installPlanApproval: z.enum(['Automatic', 'Manual']).default('Automatic'),
    /** CSV to install first (and, with Manual approval, the only one to approve). */
    startingCSV: dnsSubdomain.optional(),
    /** A CatalogSource of our own (e.g. nightly builds), created in `sourceNamespace`. */
    catalogSource: catalogSourceSchema.optional(),
    /** Required when `namespace` is not openshift-operators: OLM needs an OperatorGroup there. */
    operatorGroup: z.strictObject({ name: dnsSubdomain }).optional(),
    /** Approves the InstallPlan of `startingCSV` when approval is Manual (an Argo CD sync hook Job). */
    installPlanApprover: installPlanApproverSchema.prefault({}),
  })
  .superRefine((op, ctx) => {
    if (op.catalogSource && op.source !== op.catalogSource.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['source'],
        message: `must be ${quote(op.catalogSource.name)}, the name of operator.catalogSource, when a custom CatalogSource is configured (got ${quote(op.source)})`,
      });
    }
    if (op.namespace !== GLOBAL_OPERATORS_NAMESPACE && !op.operatorGroup) {
      ctx.addIssue({
        code: 'custom',
        path: ['operatorGroup'],
        message: `is required when operator.namespace is ${quote(op.namespace)}: only ${GLOBAL_OPERATORS_NAMESPACE} has a global OperatorGroup`,
      });
    }
    if (op.namespace === GLOBAL_OPERATORS_NAMESPACE && op.operatorGroup) {
      ctx.addIssue({
        code: 'custom',
        path: ['operatorGroup'],
        message: `must not be set in ${GLOBAL_OPERATORS_NAMESPACE}: OpenShift's global OperatorGroup is already there, and two OperatorGroups in one namespace stop OLM`,
      });
    }
    if (op.installPlanApproval === 'Manual' && !op.startingCSV) {
      ctx.addIssue({
        code: 'custom',
        path: ['startingCSV'],
        message: 'is required when installPlanApproval is Manual: it names the one CSV whose InstallPlan may be approved',
      });
    }
    if (op.installPlanApprover.enabled && op.installPlanApproval !== 'Manual') {
      ctx.addIssue({
        code: 'custom',
        path: ['installPlanApprover', 'enabled'],
        message: `only applies when installPlanApproval is Manual (got "${op.installPlanApproval}"): set installPlanApproval to Manual or disable the approver`,
      });
    }
    if (op.installPlanApprover.enabled && !op.installPlanApprover.image) {
      ctx.addIssue({
        code: 'custom',
        path: ['installPlanApprover', 'image'],
        message: 'is required when the approver is enabled: an image with /bin/sh and kubectl, pinned by digest',
      });
    }
  });

export type OperatorConfig = z.output<typeof operatorSchema>;
export type CatalogSourceConfig = z.output<typeof catalogSourceSchema>;
