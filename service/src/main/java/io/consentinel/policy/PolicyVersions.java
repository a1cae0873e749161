package io.consentinel.policy;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PolicyVersions extends JpaRepository<PolicyVersion, String> {

    Optional<PolicyVersion> findTopByOrderByActivationSeqDesc();

    List<PolicyVersion> findAllByOrderByActivationSeqDesc();
}
