import { k8s } from 'cdk8s-plus-27';

/**
 * The restricted Pod Security profile for one container: non-root, no privilege escalation, no
 * capabilities, RuntimeDefault seccomp, read-only root file system (writable paths are emptyDirs).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedContainerSecurityContext(): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
