/**
 * The checker of a repository's GitHub Actions workflows ({@code .github/workflows/*.yml} and
 * {@code *.yaml}) against the suite's CI/CD policy: ghcr.io only, never insecure, the host left
 * alone, no script injection, actions pinned by commit, publishing jobs granted {@code packages:
 * write} and alone granted the signing scopes ({@code id-token: write}, {@code attestations:
 * write}), and the deploy run on the self-hosted runner, never for pull requests and never with
 * {@code packages: write}.
 *
 * <p>It is a library of its own, usable without Maven: besides Jackson's YAML parser it brings its
 * own shell tokenizer for {@code run:} scripts ({@code ShellScript}) and its own evaluator for
 * {@code if:} expressions ({@code EventCondition}). {@link
 * io.github.ghcrtools.workflows.WorkflowVerifier} checks a workflows directory, {@link
 * io.github.ghcrtools.workflows.WorkflowPolicy} one {@link io.github.ghcrtools.workflows.Workflow}
 * read by {@link io.github.ghcrtools.workflows.WorkflowReader}. The goal {@code
 * deploy-signal:verify-workflows} is a thin Maven wrapper around it.
 */
package io.github.ghcrtools.workflows;
